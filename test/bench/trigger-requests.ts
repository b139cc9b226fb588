// Requests per Cloudreve Trigger poll when nothing changed (issue 5), against the test server with a populated
// drive: 2,000 files spread over 40 subfolders below the watched folder, 300 finished tasks.
// Run: npx tsx test/bench/trigger-requests.ts
import type { INodeType } from 'n8n-workflow';

import { CredentialStore } from '../integration/harness/context';
import { PollHarness } from '../integration/harness/poll';
import { DEMO, startServer } from '../server';

// tsx resolves `CloudreveTrigger.node` to the codex file CloudreveTrigger.node.json: load the class by full name.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { CloudreveTrigger } = require('../../nodes/CloudreveTrigger/CloudreveTrigger.node.ts') as { CloudreveTrigger: new () => INodeType };
const trigger = new CloudreveTrigger();
const byPath = (value: string) => ({ __rl: true, mode: 'path', value });

async function main(): Promise<void> {
	const server = await startServer({ port: 0 });
	try {
		for (let d = 0; d < 40; d++) for (let f = 0; f < 50; f++) server.fs.put(DEMO.email, `/Inbox/dir-${d}/file-${f}.txt`, `content ${d}/${f}`);
		for (let i = 0; i < 300; i++) server.tasks.add(DEMO.email, { type: i % 3 ? 'create_archive' : 'remote_download', status: 'completed' });
		// The drive's history is older than the trigger's 2-minute overlap window (what an idle poll re-reads).
		const day = 86_400 * 1e6;
		for (const f of server.state.files.values()) {
			f.createdAt -= day;
			f.updatedAt -= day;
		}
		for (const t of server.tasks.engine.tasks.values()) {
			// one task a minute, as a real history would be spread out
			t.createdAt -= day + (300 - t.id) * 60e6;
			t.updatedAt = t.createdAt + 5e6;
		}
		const store = new CredentialStore({ baseUrl: server.url, authMode: 'password', email: DEMO.email, password: DEMO.password });
		const cases: Array<[string, Record<string, unknown>]> = [
			['New File, this folder only', { event: 'newFile', folder: byPath('/Inbox') }],
			['New File, with subfolders', { event: 'newFile', folder: byPath('/Inbox'), includeSubfolders: true }],
			['New File, subfolders + filters', { event: 'newFile', folder: byPath('/Inbox'), includeSubfolders: true, filters: { extensions: 'pdf', minSize: 10 } }],
			['File Updated, with subfolders', { event: 'fileUpdated', folder: byPath('/Inbox'), includeSubfolders: true }],
			['Task Finished, archive/extract/import/relocate', { event: 'taskFinished', taskTypes: ['create_archive', 'extract_archive', 'import', 'relocate'] }],
			['Task Finished, remote download only', { event: 'taskFinished', taskTypes: ['remote_download'] }],
			['Task Finished, every type', { event: 'taskFinished' }],
		];
		const rows: string[] = [];
		for (const [label, parameters] of cases) {
			const h = new PollHarness(trigger, { parameters, store });
			server.resetStats();
			await h.poll(); // activation: signs in and arms the cursor
			const armRequests = server.requestLog.filter((r) => r.path.startsWith('/api/v4/') && !r.path.startsWith('/api/v4/session')).length;
			const counts: number[] = [];
			const started = Date.now();
			for (let i = 0; i < 10; i++) {
				server.resetStats();
				const result = await h.poll();
				if (result !== null) throw new Error(`${label}: an idle poll emitted`);
				counts.push(server.requestLog.length);
			}
			const ms = (Date.now() - started) / 10;
			rows.push(`${label.padEnd(48)} arming: ${String(armRequests).padStart(3)} request(s)   idle poll: ${Math.min(...counts)}–${Math.max(...counts)} request(s)   ${ms.toFixed(1)} ms`);
		}
		console.log('Cloudreve Trigger: requests per poll when nothing changed (2,000 files in 40 subfolders, 300 tasks, all older than 2 min)');
		for (const row of rows) console.log(row);
		// What an idle poll costs right after a burst: the 2-minute overlap window is re-read (500 items per page).
		const h = new PollHarness(trigger, { parameters: { event: 'newFile', folder: byPath('/Inbox'), includeSubfolders: true }, store });
		await h.poll();
		for (let i = 0; i < 1200; i++) server.fs.put(DEMO.email, `/Inbox/burst/file-${i}.txt`, 'x');
		const emitted = (await h.poll())?.[0].length ?? 0;
		server.resetStats();
		await h.poll();
		console.log(`after a burst of 1,200 new files (${emitted} emitted by the next poll, cap 500), a poll within 2 min reads ${server.requestLog.length} page(s)`);
	} finally {
		await server.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
