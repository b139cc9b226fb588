// Cloudreve Trigger, Task Finished, through the poll harness against the test server's task engine: arming,
// tasks finishing out of order (an old long-running one behind pages of newer tasks), status and type filters,
// the requests per poll, a real archive task with its resulting file, restarts, raw output and Fetch Test Event.
import { CloudreveTrigger } from '../../nodes/CloudreveTrigger/CloudreveTrigger.node';
import { DEMO, startServer, type TestServer } from '../server';
import { CredentialStore } from './harness/context';
import { PollHarness } from './harness/poll';

const trigger = new CloudreveTrigger();
const ids = (r: Awaited<ReturnType<PollHarness['poll']>>) => PollHarness.json(r).map((j) => j.id as string).sort();

describe('Cloudreve Trigger: tasks', () => {
	let server: TestServer;
	let store: CredentialStore;
	const add = (type: string, status: 'processing' | 'completed' | 'error' | 'canceled', props: Record<string, unknown> = {}) =>
		server.tasks.add(DEMO.email, { type, status, props }).id as string;
	const harness = (parameters: Record<string, unknown> = {}) =>
		new PollHarness(trigger, { parameters: { event: 'taskFinished', ...parameters }, store });
	const taskRequests = () => server.requestLog.filter((r) => r.path === '/api/v4/workflow');

	beforeEach(async () => {
		server = await startServer({ port: 0 });
		server.tasks.stepMs = 5;
		store = new CredentialStore({ baseUrl: server.url, authMode: 'password', email: DEMO.email, password: DEMO.password });
	});
	afterEach(() => server.close());

	it('arms without emitting, then emits each finished task once, in any finishing order, across a restart', async () => {
		add('create_archive', 'completed');
		const longRunning = add('remote_download', 'processing');
		const h = harness();
		expect(await h.poll()).toBeNull();
		const a = add('extract_archive', 'processing');
		const b = add('create_archive', 'processing');
		const done = add('create_archive', 'completed');
		expect(ids(await h.poll())).toEqual([done]);
		await server.tasks.finish(b);
		expect(ids(await h.poll())).toEqual([b]);
		await server.tasks.finish(a);
		await server.tasks.finish(longRunning);
		expect(ids(await h.poll())).toEqual([a, longRunning].sort());
		expect(await h.poll()).toBeNull();
		h.restart();
		const duringDowntime = add('extract_archive', 'completed');
		expect(ids(await h.poll())).toEqual([duringDowntime]);
		expect(await h.poll()).toBeNull();
	});

	it('finds an old running task that finishes behind pages of newer ones', async () => {
		const old = add('create_archive', 'processing');
		server.tasks.engine.tasks.get([...server.tasks.engine.tasks.keys()].pop()!)!.createdAt -= 7200 * 1e6;
		const h = harness();
		await h.poll();
		for (let i = 0; i < 250; i++) add('extract_archive', 'completed');
		const batch = await h.poll();
		expect(PollHarness.json(batch)).toHaveLength(250);
		await server.tasks.finish(old, { status: 'error', error: 'disk full' });
		expect(await h.poll()).toBeNull(); // "error" is not among the chosen statuses (default: completed)
		const failed = harness({ statuses: ['error'] });
		await failed.poll();
		const oldAgain = add('create_archive', 'processing');
		for (let i = 0; i < 120; i++) add('extract_archive', 'completed');
		expect(await failed.poll()).toBeNull();
		await server.tasks.finish(oldAgain, { status: 'error', error: 'disk full' });
		const out = PollHarness.json(await failed.poll());
		expect(out.map((j) => j.id)).toEqual([oldAgain]);
		expect(out[0]).toEqual(expect.objectContaining({ status: 'error', statusName: 'Error', error: 'disk full', typeName: 'Create Archive' }));
	});

	it('applies the status and type filters, and reads one list per poll (two for remote downloads)', async () => {
		const cases: Array<[Record<string, unknown>, number]> = [
			[{ statuses: ['completed'], taskTypes: ['create_archive'] }, 1],
			[{ statuses: ['error', 'canceled'], taskTypes: ['extract_archive', 'import'] }, 1],
			[{ statuses: ['completed', 'error', 'canceled'], taskTypes: ['remote_download'] }, 2],
			[{}, 3],
		];
		const hs = cases.map(([p]) => harness(p));
		for (const h of hs) await h.poll();
		const made = {
			archiveOk: add('create_archive', 'completed'),
			archiveFail: add('create_archive', 'error'),
			extractFail: add('extract_archive', 'error'),
			importCanceled: add('import', 'canceled'),
			downloadOk: add('remote_download', 'completed'),
			downloadCanceled: add('remote_download', 'canceled'),
		};
		const expected = [
			[made.archiveOk],
			[made.extractFail, made.importCanceled],
			[made.downloadOk, made.downloadCanceled],
			[made.archiveOk, made.downloadOk],
		];
		for (let i = 0; i < hs.length; i++) expect(ids(await hs[i].poll())).toEqual(expected[i].sort());
		for (let i = 0; i < hs.length; i++) {
			server.resetStats();
			expect(await hs[i].poll()).toBeNull();
			expect({ case: cases[i][0], requests: taskRequests().length }).toEqual({ case: cases[i][0], requests: cases[i][1] });
		}
	});

	it('reports a real archive task with the file it wrote; raw output on request', async () => {
		server.fs.put(DEMO.email, '/Pack/a.txt', 'alpha');
		server.fs.put(DEMO.email, '/Pack/b.txt', 'beta');
		const simple = harness({ taskTypes: ['create_archive'] });
		const raw = harness({ taskTypes: ['create_archive'], simplify: false });
		await simple.poll();
		await raw.poll();
		const token = ((await (
			await fetch(`${server.url}/api/v4/session/token`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ email: DEMO.email, password: DEMO.password }),
			})
		).json()) as { data: { token: { access_token: string } } }).data.token.access_token;
		const created = (await (
			await fetch(`${server.url}/api/v4/workflow/archive`, {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
				body: JSON.stringify({ src: ['cloudreve://my/Pack/a.txt', 'cloudreve://my/Pack/b.txt'], dst: 'cloudreve://my/Out/pack.zip' }),
			})
		).json()) as { code: number; data: { id: string } };
		expect(created.code).toBe(0);
		expect(await simple.poll()).toBeNull(); // still running
		await server.tasks.finishAll();
		const [item] = PollHarness.json(await simple.poll());
		expect(item).toEqual(
			expect.objectContaining({
				id: created.data.id,
				type: 'create_archive',
				typeName: 'Create Archive',
				status: 'completed',
				statusName: 'Completed',
				destination: 'cloudreve://my/Out/pack.zip',
				destinationPath: '/Out/pack.zip',
				sources: ['cloudreve://my/Pack/a.txt', 'cloudreve://my/Pack/b.txt'],
			}),
		);
		expect(server.fs.get(DEMO.email, '/Out/pack.zip')).toBeDefined();
		const [rawItem] = PollHarness.json(await raw.poll());
		expect(rawItem).toEqual(expect.objectContaining({ id: created.data.id, summary: expect.objectContaining({ props: expect.any(Object) }), typeName: 'Create Archive' }));
	});

	it('Fetch Test Event shows the latest finished tasks without touching the cursor, or says none matches', async () => {
		const first = add('create_archive', 'completed');
		const second = add('extract_archive', 'completed');
		const h = harness();
		const sample = PollHarness.json(await h.fetchTestEvent());
		expect(sample.map((j) => j.id)).toEqual([second, first]);
		expect(h.staticData).toEqual({});
		const none = harness({ statuses: ['canceled'] });
		await expect(none.fetchTestEvent()).rejects.toThrow("No finished task matches the trigger's settings");
	});
});
