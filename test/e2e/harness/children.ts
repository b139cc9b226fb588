import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

// Every n8n process the harness starts is tracked here and killed (whole process group, so the task
// runner goes too) if the test process exits without stopping it — a crashed test must not leave an
// n8n holding ports and 400 MB behind.
const live = new Set<ChildProcess>();

process.on('exit', () => {
	for (const child of live) killGroup(child, 'SIGKILL');
});

export function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** spawn() in its own process group, tracked until it exits. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
	const child = spawn(command, args, { ...options, detached: true });
	live.add(child);
	child.once('exit', () => live.delete(child));
	return child;
}

export function exited(child: ChildProcess): Promise<number | null> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
	return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}
