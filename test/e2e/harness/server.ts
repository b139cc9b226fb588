import * as fs from 'node:fs';
import * as path from 'node:path';
import { exited, killGroup, spawnTracked } from './children';
import { n8nEnv } from './env';
import type { N8nHome } from './home';
import { freePort } from './ports';
import { sampleRss, type RssSample } from './procinfo';
import { tail } from './redact';

export interface RunningN8n {
	/** e.g. http://127.0.0.1:41234 */
	url: string;
	port: number;
	pid: number;
	/** Milliseconds from spawn to /healthz/readiness and /rest/settings answering 200. */
	bootMs: number;
	/** The whole log so far (unredacted: assert on it, never print it; use logTail for that). */
	log(): string;
	/** The last lines of the log, redacted, for failure messages. */
	logTail(lines?: number): string;
	rss(): RssSample;
	/** Resolves with the exit code when the process ends (on its own or by stop()). */
	exited: Promise<number | null>;
	/** SIGTERM, then SIGKILL after 20 s. */
	stop(): Promise<void>;
}

export interface StartOptions {
	readyTimeoutMs?: number;
	/** Fixed HTTP port (npm start); default: a free one. */
	port?: number;
}

/** `n8n start` on 127.0.0.1, waiting until migrations are done and the REST API answers. */
export async function startN8n(home: N8nHome, options: StartOptions = {}): Promise<RunningN8n> {
	const port = options.port ?? (await freePort());
	const env = n8nEnv(home.install, home.userFolder, { port, brokerPort: await freePort() });
	const logFile = path.join(home.userFolder, `n8n-${port}.log`);
	const out = fs.openSync(logFile, 'a');
	const started = Date.now();
	const child = spawnTracked(home.install.nodeBin, [home.install.n8nBin, 'start'], {
		cwd: home.userFolder,
		env,
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const url = `http://127.0.0.1:${port}`;
	const log = (): string => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '');
	const logTail = (lines = 60): string => tail(log(), lines);
	const stop = async (): Promise<void> => {
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 20_000);
		await exited(child);
		clearTimeout(timer);
		// the task runner shares the process group; make sure it is gone too
		killGroup(child, 'SIGKILL');
	};

	const deadline = started + (options.readyTimeoutMs ?? 120_000);
	for (;;) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(`n8n exited during boot (code ${child.exitCode}, signal ${child.signalCode})\n${logTail()}`);
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`n8n was not ready after ${options.readyTimeoutMs ?? 120_000} ms\n${logTail()}`);
		}
		try {
			// readiness turns 200 once the DB is migrated, a moment before the REST controllers are mounted
			const ready = await fetch(`${url}/healthz/readiness`, { signal: AbortSignal.timeout(2000) });
			const settings = ready.ok ? await fetch(`${url}/rest/settings`, { signal: AbortSignal.timeout(2000) }) : undefined;
			if (settings?.ok) break;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	const bootMs = Date.now() - started;
	const pid = child.pid as number;
	return { url, port, pid, bootMs, log, logTail, rss: () => sampleRss(pid), exited: exited(child), stop };
}
