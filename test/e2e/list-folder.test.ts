// The packed package inside a real n8n (2.8.4 on Node 20, 2.41.1 on Node 24), driven through the CLI the
// way a user's instance runs it: the credential is imported with blank session fields and a TOTP secret,
// so the first execution signs in with 2FA unattended and n8n persists the tokens that
// `preAuthentication` returns; later executions (separate processes) must reuse them from the database,
// and an expired access token must be refreshed without a new sign-in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO, startServer } from '../server';
import {
	cloudreveCredential,
	createN8nHome,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	listFolderWorkflow,
	N8N_VERSIONS,
	removeN8nHome,
	type ExecuteResult,
	type N8nHome,
	type WorkflowImport,
} from './harness';

type TestServer = Awaited<ReturnType<typeof startServer>>;

const EXAMPLE = JSON.parse(
	fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'list-documents.workflow.json'), 'utf8'),
) as WorkflowImport;

const FOLDER = '/Documents';
// Names that have broken clients before: spaces, '#', '%', '?', non-ASCII, and a sub-folder.
const SEEDED_FILES = ['Quarterly report 2026.pdf', 'notes #1 (100%).txt', 'what?.md', '中文 文件.docx'];
const SEEDED_FOLDERS = ['Archive'];
/** Lifetime of access tokens on the short-TTL server: long enough to see a refreshed token reused by
 *  the next process, short enough to wait out. */
const SHORT_TTL_SECONDS = 20;

jest.setTimeout(30 * 60_000); // the first run of each version may install n8n (~5 min)

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function logins(srv: TestServer): number {
	return srv.stats.signIns + srv.stats.twoFactorSignIns;
}

function seed(srv: TestServer): void {
	const email = DEMO.totpEmail;
	srv.fs.mkdir(email, FOLDER);
	for (const name of SEEDED_FOLDERS) srv.fs.mkdir(email, `${FOLDER}/${name}`);
	for (const name of SEEDED_FILES) srv.fs.put(email, `${FOLDER}/${name}`, `content of ${name}`);
	// things that must not show up: a file beside the folder, a file inside the sub-folder
	srv.fs.put(email, '/outside.txt', 'not listed');
	srv.fs.put(email, `${FOLDER}/${SEEDED_FOLDERS[0]}/nested.txt`, 'not listed either');
}

/** What the server holds in the folder, by name. */
function serverNames(srv: TestServer, email: string = DEMO.totpEmail): string[] {
	return srv.fs.list(email, FOLDER).map((file) => file.name).sort();
}

const WRONG_PASSWORD = 'wrong-password-999';
const SECRETS = [DEMO.totpPassword, DEMO.totpSecret, DEMO.password, WRONG_PASSWORD];

/** n8n's whole output of a run (logs and run data) holds no password, TOTP secret or token. */
function expectNoSecrets(run: ExecuteResult): void {
	const output = run.stdout + run.stderr;
	for (const secret of SECRETS) expect(output.includes(secret)).toBe(false);
	expect(output).not.toMatch(/eyJ[\w-]{6,}\.[\w-]{6,}\./); // a JWT (the server's tokens)
}

function listedNames(run: ExecuteResult): string[] {
	expectNoSecrets(run);
	return run.nodes.Cloudreve.items.map((item) => String(item.name)).sort();
}

const timings: string[] = [];
function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
	const started = Date.now();
	return work().finally(() => timings.push(`${label}: ${Date.now() - started} ms`));
}

describe.each(N8N_VERSIONS)('n8n %s: Cloudreve "List" through the real CLI', (version) => {
	let home: N8nHome;
	let srv: TestServer;
	let shortSrv: TestServer;

	beforeAll(async () => {
		home = await timed(`${version} install check + pack + user folder`, async () => createN8nHome(version));
		srv = await startServer({ port: 0 });
		shortSrv = await startServer({ port: 0, accessTtlSeconds: SHORT_TTL_SECONDS });
		seed(srv);
		seed(shortSrv);
		const account = { email: DEMO.totpEmail, password: DEMO.totpPassword, totpSecret: DEMO.totpSecret };
		await timed(`${version} import:credentials`, () =>
			importCredentials(home, [
				cloudreveCredential('cloudreveE2ELong01', 'Cloudreve (long TTL)', { ...account, baseUrl: srv.url }),
				cloudreveCredential('cloudreveE2EShort1', 'Cloudreve (short TTL)', { ...account, baseUrl: shortSrv.url }),
				// the name the shipped example refers to; a plain (no 2FA) account
				cloudreveCredential('cloudreveE2EBadPw1', 'Cloudreve (wrong password)', {
					...account,
					password: WRONG_PASSWORD,
					baseUrl: srv.url,
				}),
				cloudreveCredential('cloudreveE2EDemo01', 'Cloudreve account', {
					baseUrl: srv.url,
					email: DEMO.email,
					password: DEMO.password,
				}),
			]),
		);
		await timed(`${version} import:workflow`, () =>
			importWorkflow(home, [
				listFolderWorkflow('listDocsLong', { id: 'cloudreveE2ELong01', name: 'Cloudreve (long TTL)' }, FOLDER),
				listFolderWorkflow('listDocsShort', { id: 'cloudreveE2EShort1', name: 'Cloudreve (short TTL)' }, FOLDER),
				listFolderWorkflow('listDocsBadPw', { id: 'cloudreveE2EBadPw1', name: 'Cloudreve (wrong password)' }, FOLDER),
				EXAMPLE,
			]),
		);
	});

	afterAll(async () => {
		await srv?.close();
		await shortSrv?.close();
		if (home) removeN8nHome(home);
		process.stdout.write(`[e2e timings]\n  ${timings.splice(0).join('\n  ')}\n`);
	});

	test('first execution signs in with the TOTP secret and lists exactly the folder', async () => {
		srv.resetStats();
		const run = await timed(`${version} execute #1 (sign-in + 2FA)`, () => executeWorkflow(home, 'listDocsLong'));

		expect(run.exitCode).toBe(0);
		expect(serverNames(srv)).toEqual([...SEEDED_FILES, ...SEEDED_FOLDERS].sort());
		expect(listedNames(run)).toEqual(serverNames(srv));
		for (const item of run.nodes.Cloudreve.items) {
			expect(typeof item.path).toBe('string');
			expect(item.type).toBeDefined();
		}
		// a 2FA account: the password step answers 203, the TOTP step finishes the sign-in
		expect(srv.stats.twoFactorSignIns).toBe(1);
	});

	test('a second execution (a new process) reuses the stored token: no sign-in, no refresh', async () => {
		const loginsBefore = logins(srv);
		const refreshesBefore = srv.stats.refreshes;
		const run = await timed(`${version} execute #2 (stored token)`, () => executeWorkflow(home, 'listDocsLong'));

		expect(listedNames(run)).toEqual(serverNames(srv));
		expect(logins(srv)).toBe(loginsBefore);
		expect(srv.stats.refreshes).toBe(refreshesBefore);
	});

	test('an expired access token is refreshed without a new sign-in, and the new pair is persisted', async () => {
		shortSrv.resetStats();
		await executeWorkflow(home, 'listDocsShort');
		const signedInBy = Date.now();
		expect(logins(shortSrv)).toBeGreaterThanOrEqual(1);
		const loginsAfterFirst = logins(shortSrv);

		await sleep(signedInBy + SHORT_TTL_SECONDS * 1000 + 1000 - Date.now());
		const refreshed = await timed(`${version} execute (expired token → refresh)`, () =>
			executeWorkflow(home, 'listDocsShort'),
		);
		expect(listedNames(refreshed)).toEqual(serverNames(shortSrv));
		expect(shortSrv.stats.refreshes).toBe(1);
		expect(logins(shortSrv)).toBe(loginsAfterFirst);

		// the refreshed pair went to the database: the next process uses it as is
		const reused = await executeWorkflow(home, 'listDocsShort');
		expect(listedNames(reused)).toEqual(serverNames(shortSrv));
		expect(shortSrv.stats.refreshes).toBe(1);
		expect(logins(shortSrv)).toBe(loginsAfterFirst);
	});

	test('the shipped example (credential referenced by name) imports and lists /Documents', async () => {
		const run = await executeWorkflow(home, EXAMPLE.id);
		const names = run.nodes['List /Documents'].items.map((item) => String(item.name)).sort();
		expect(names).toEqual(serverNames(srv, DEMO.email));
		expect(names.length).toBeGreaterThan(0);
	});

	test('a wrong password fails the execution with Cloudreve\'s reason and leaks nothing', async () => {
		const run = await executeWorkflow(home, 'listDocsBadPw', { allowFailure: true });
		expect(run.exitCode).toBe(1);
		expect(run.error?.message).toMatch(/wrong email or password/i);
		expect(String(run.error?.description)).toContain('40080');
		expect(run.nodes.Cloudreve.error?.message).toMatch(/wrong email or password/i);
		expectNoSecrets(run);
	});
});
