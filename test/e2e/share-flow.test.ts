// Issue 4 e2e: in a real n8n (the packed package, driven by the CLI) one workflow uploads a file, packs it into a
// zip and waits for the task, shares the zip with a password, reads the share's info and deletes the share.
import { DEMO, startServer } from '../server';
import { shareTable } from '../server/shares';
import {
	CLOUDREVE_NODE_TYPE,
	cloudreveCredential,
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	N8N_VERSIONS,
	removeN8nHome,
	type N8nHome,
	type WorkflowImport,
} from './harness';

type TestServer = Awaited<ReturnType<typeof startServer>>;

jest.setTimeout(30 * 60_000); // the first run of each version may install n8n (~5 min)

const SHARE_PASSWORD = 'E2eShare42';
const CREDENTIAL = { id: 'cloudreveE2EShare1', name: 'Cloudreve (share flow)' };
const CONTENT = 'quarterly numbers\njan,100\nfeb,120\n';

function node(name: string, x: number, parameters: Record<string, unknown>) {
	return {
		id: `b1b2c3d4-0000-4000-8000-00000000000${x}`,
		name,
		type: CLOUDREVE_NODE_TYPE,
		typeVersion: 1,
		position: [x * 220, 0] as [number, number],
		parameters,
		credentials: { cloudreveApi: CREDENTIAL },
	};
}

function shareFlowWorkflow(): WorkflowImport {
	const nodes = [
		{ id: 'b1b2c3d4-0000-4000-8000-000000000000', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} },
		node('Upload', 1, {
			resource: 'file',
			operation: 'upload',
			folder: { __rl: true, mode: 'path', value: '/E2E' },
			fileName: 'report.csv',
			inputType: 'text',
			text: CONTENT,
		}),
		node('Archive', 2, {
			resource: 'task',
			operation: 'createArchive',
			source: { __rl: true, mode: 'uri', value: '={{ $json.uri }}' },
			destinationFolder: { __rl: true, mode: 'path', value: '/E2E' },
			archiveName: 'report.zip',
			waitForCompletion: true,
			pollInterval: 1,
			waitTimeout: 120,
		}),
		node('Share', 3, {
			resource: 'share',
			operation: 'create',
			source: { __rl: true, mode: 'uri', value: '={{ $json.archiveUri }}' },
			passwordMode: 'set',
			password: SHARE_PASSWORD,
			expiry: 'seconds',
			expireSeconds: 3600,
		}),
		node('Info', 4, { resource: 'share', operation: 'get', shareId: '={{ $json.url }}' }),
		node('Delete', 5, { resource: 'share', operation: 'delete', shareId: '={{ $json.id }}' }),
	];
	const chain = ['Start', 'Upload', 'Archive', 'Share', 'Info', 'Delete'];
	const connections: Record<string, unknown> = {};
	for (let i = 0; i < chain.length - 1; i++) connections[chain[i]] = { main: [[{ node: chain[i + 1], type: 'main', index: 0 }]] };
	return { id: 'shareFlowE2E01', name: 'Upload, archive, share, inspect, unshare', nodes, connections } as WorkflowImport;
}

describe.each(N8N_VERSIONS)('n8n %s: upload → archive (wait) → share with password → info → delete', (version) => {
	let home: N8nHome;
	let srv: TestServer;

	beforeAll(async () => {
		home = createN8nHome(version);
		srv = await startServer({ port: 0 });
		await importCredentials(home, [cloudreveCredential(CREDENTIAL.id, CREDENTIAL.name, { baseUrl: srv.url, email: DEMO.email, password: DEMO.password })]);
		await importWorkflow(home, shareFlowWorkflow());
	});

	afterAll(async () => {
		await srv?.close();
		if (home) removeN8nHome(home);
	});

	test('runs the whole chain against the server', async () => {
		const run = await executeWorkflow(home, 'shareFlowE2E01');
		expect(run.exitCode).toBe(0);

		const [uploaded] = run.nodes.Upload.items;
		expect(uploaded).toMatchObject({ name: 'report.csv', size: Buffer.byteLength(CONTENT) });
		expect(srv.fs.read(DEMO.email, '/E2E/report.csv').toString('utf8')).toBe(CONTENT);

		const [archived] = run.nodes.Archive.items;
		expect(archived).toMatchObject({ archiveUri: 'cloudreve://my/E2E/report.zip', status: 'completed' });
		expect(srv.fs.read(DEMO.email, '/E2E/report.zip').subarray(0, 2).toString('latin1')).toBe('PK');

		const [shared] = run.nodes.Share.items;
		expect(shared).toMatchObject({ password: SHARE_PASSWORD, source: 'cloudreve://my/E2E/report.zip' });
		expect(shared.url).toBe(`${srv.url}/s/${String(shared.id)}/${SHARE_PASSWORD}`);

		const [info] = run.nodes.Info.items;
		expect(info).toMatchObject({ id: shared.id, name: 'report.zip', unlocked: true, password_protected: true, sourceType: 'file', expired: false });
		expect(Date.parse(String(info.expires)) - Date.now()).toBeGreaterThan(3000_000);

		expect(run.nodes.Delete.items).toEqual([{ id: shared.id, deleted: true }]);
		expect(shareTable(srv.state).byId.size).toBe(0);
		expect(run.stdout + run.stderr).not.toContain(DEMO.password);
	});
});
