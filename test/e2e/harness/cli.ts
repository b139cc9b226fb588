import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exited, killGroup, spawnTracked } from './children';
import { n8nEnv } from './env';
import type { N8nHome } from './home';
import { freePort } from './ports';
import { redact, tail } from './redact';

export interface CliResult {
	exitCode: number | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

/**
 * Runs `n8n <args>` against the home's user folder. Asynchronous on purpose: the test server usually
 * lives in the calling process and must keep answering n8n while we wait. Each call is a full n8n
 * boot (~4 s on 2.8, ~8 s on 2.41), so it gets its own N8N_PORT and task-broker port.
 */
export async function runN8nCli(home: N8nHome, args: string[], timeoutMs = 180_000): Promise<CliResult> {
	const env = n8nEnv(home.install, home.userFolder, { port: await freePort(), brokerPort: await freePort() });
	const started = Date.now();
	const child = spawnTracked(home.install.nodeBin, [home.install.n8nBin, ...args], {
		cwd: home.userFolder,
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stdout = '';
	let stderr = '';
	child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
	child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
	const timer = setTimeout(() => killGroup(child, 'SIGKILL'), timeoutMs);
	const exitCode = await exited(child);
	clearTimeout(timer);
	// let the pipes drain
	await new Promise((resolve) => setImmediate(resolve));
	return { exitCode, stdout, stderr, durationMs: Date.now() - started };
}

function cliFailure(what: string, result: CliResult): Error {
	return new Error(
		`${what} failed (exit ${result.exitCode}, ${result.durationMs} ms)\n--- n8n stdout (tail, redacted) ---\n` +
			`${tail(result.stdout)}\n--- n8n stderr (tail, redacted) ---\n${tail(result.stderr)}`,
	);
}

/** Writes an import file readable only by us, runs the import, deletes the file (it holds secrets). */
async function importFile(home: N8nHome, command: string, content: unknown): Promise<CliResult> {
	const file = path.join(home.userFolder, `import-${randomBytes(6).toString('hex')}.json`);
	fs.writeFileSync(file, JSON.stringify(content), { mode: 0o600 });
	try {
		const result = await runN8nCli(home, [command, `--input=${file}`]);
		if (result.exitCode !== 0) throw cliFailure(`n8n ${command}`, result);
		return result;
	} finally {
		fs.rmSync(file, { force: true });
	}
}

export interface CredentialImport {
	/** Required by the import (NOT NULL); keep fixed so workflows can reference it. */
	id: string;
	name: string;
	type: string;
	/** An object is encrypted with N8N_ENCRYPTION_KEY on import. */
	data: Record<string, unknown>;
}

export async function importCredentials(home: N8nHome, credentials: CredentialImport[]): Promise<CliResult> {
	return await importFile(home, 'import:credentials', credentials);
}

export interface WorkflowImport {
	/** At most 21 characters, or n8n treats it as invalid. */
	id: string;
	name: string;
	nodes: unknown[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export async function importWorkflow(home: N8nHome, workflow: WorkflowImport | WorkflowImport[]): Promise<CliResult> {
	const workflows = (Array.isArray(workflow) ? workflow : [workflow]).map((w) => ({
		active: false,
		settings: {},
		...w,
	}));
	return await importFile(home, 'import:workflow', workflows);
}

/** Makes a workflow's triggers active at the next start; n8n must be stopped (a running one ignores it). */
export async function publishWorkflow(home: N8nHome, id: string): Promise<CliResult> {
	const result = await runN8nCli(home, ['publish:workflow', `--id=${id}`]);
	if (result.exitCode !== 0) throw cliFailure('n8n publish:workflow', result);
	return result;
}

export interface NodeRun {
	/** `json` of every item on the node's first output, in order. */
	items: Array<Record<string, unknown>>;
	/** Items per output (main[0], main[1], …) including binary metadata. */
	outputs: Array<Array<{ json: Record<string, unknown>; binary?: Record<string, unknown> }>>;
	error?: { message?: string; description?: string; [key: string]: unknown };
	executionTime?: number;
}

export interface ExecuteResult extends CliResult {
	/** 0 on success, 1 on a failed execution. */
	exitCode: number | null;
	/** Last run of each executed node, by node name. */
	nodes: Record<string, NodeRun>;
	/** The workflow-level error of a failed execution. */
	error?: { message?: string; description?: string; node?: { name?: string }; [key: string]: unknown };
	/** The raw IRun object n8n printed. */
	run?: unknown;
}

interface RawTaskData {
	executionTime?: number;
	error?: NodeRun['error'];
	data?: { main?: Array<NodeRun['outputs'][number] | null> };
}
interface RawRun {
	data?: { resultData?: { runData?: Record<string, RawTaskData[]>; error?: ExecuteResult['error'] } };
}

/**
 * With N8N_LOG_FORMAT=json every stdout line is a log record; `execute` logs the IRun as one record
 * whose message is the pretty-printed JSON (on success and, as "Execution error", on failure).
 */
export function parseExecuteOutput(stdout: string): RawRun | undefined {
	let found: RawRun | undefined;
	for (const line of stdout.split('\n')) {
		const trimmed = line.trim();
		if (!trimmed.startsWith('{')) continue;
		let message: unknown;
		try {
			message = (JSON.parse(trimmed) as { message?: unknown }).message;
		} catch {
			continue;
		}
		if (typeof message !== 'string' || !message.trimStart().startsWith('{')) continue;
		try {
			const parsed = JSON.parse(message) as RawRun;
			if (parsed?.data?.resultData) found = parsed;
		} catch {
			// a log message that merely starts with '{'
		}
	}
	return found;
}

export interface ExecuteOptions {
	/** Return a failed execution instead of throwing (for tests that expect an error). */
	allowFailure?: boolean;
	timeoutMs?: number;
}

/** `n8n execute --id=<id> --rawOutput`: runs the workflow from its Manual Trigger in a fresh process. */
export async function executeWorkflow(home: N8nHome, id: string, options: ExecuteOptions = {}): Promise<ExecuteResult> {
	const result = await runN8nCli(home, ['execute', `--id=${id}`, '--rawOutput'], options.timeoutMs);
	const run = parseExecuteOutput(result.stdout);
	const nodes: Record<string, NodeRun> = {};
	for (const [name, runs] of Object.entries(run?.data?.resultData?.runData ?? {})) {
		const last = runs[runs.length - 1];
		const outputs = (last?.data?.main ?? []).map((items) => items ?? []);
		nodes[name] = {
			items: (outputs[0] ?? []).map((item) => item.json),
			outputs,
			error: last?.error,
			executionTime: last?.executionTime,
		};
	}
	const executed: ExecuteResult = { ...result, nodes, error: run?.data?.resultData?.error, run };
	if (!options.allowFailure && (result.exitCode !== 0 || !run || executed.error)) {
		const reason = executed.error ? ` (${redact(String(executed.error.message ?? ''))})` : '';
		throw cliFailure(`n8n execute --id=${id}${reason}`, result);
	}
	return executed;
}
