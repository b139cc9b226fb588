import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { N8nInstall } from './install';
import { redact } from './redact';

/** A logged-in browser-like session against n8n's internal REST API (/rest/*, cookie `n8n-auth`). */
export interface N8nSession {
	url: string;
	cookie: string;
}

export interface OwnerAccount {
	email: string;
	password: string;
	firstName?: string;
	lastName?: string;
}

function authCookie(response: Response): string {
	const header = response.headers.get('set-cookie') ?? '';
	const match = /n8n-auth=[^;]+/.exec(header);
	if (!match) throw new Error(`n8n answered ${response.status} without an n8n-auth cookie`);
	return match[0];
}

async function failure(what: string, response: Response): Promise<Error> {
	const body = await response.text().catch(() => '');
	return new Error(`${what}: HTTP ${response.status} ${redact(body.slice(0, 2000))}`);
}

/** POST /rest/owner/setup: the first user of a fresh instance (the only way in without the UI). */
export async function setupOwner(url: string, owner: OwnerAccount): Promise<N8nSession> {
	const response = await fetch(`${url}/rest/owner/setup`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ firstName: 'Demo', lastName: 'Owner', ...owner }),
	});
	if (!response.ok) throw await failure('owner setup', response);
	return { url, cookie: authCookie(response) };
}

export async function login(url: string, email: string, password: string): Promise<N8nSession> {
	const response = await fetch(`${url}/rest/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ emailOrLdapLoginId: email, password }),
	});
	if (!response.ok) throw await failure('login', response);
	return { url, cookie: authCookie(response) };
}

/** Calls /rest/<path> with the session cookie and returns the `data` of n8n's `{data}` envelope. */
export async function rest<T = unknown>(session: N8nSession, method: string, restPath: string, body?: unknown): Promise<T> {
	const response = await fetch(`${session.url}/rest${restPath}`, {
		method,
		headers: { cookie: session.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw await failure(`${method} /rest${restPath}`, response);
	const json = (await response.json()) as { data?: T };
	return (json.data ?? json) as T;
}

/** A public-API key (header X-N8N-API-KEY for /api/v1) with every scope the instance offers. */
export async function createApiKey(session: N8nSession, label = 'e2e'): Promise<string> {
	const scopes = await rest<string[]>(session, 'GET', '/api-keys/scopes').catch(() => undefined);
	const created = await rest<{ rawApiKey: string }>(session, 'POST', '/api-keys', {
		label,
		expiresAt: null,
		...(scopes ? { scopes } : {}),
	});
	return created.rawApiKey;
}

export interface WorkflowRecord {
	id: string;
	name: string;
	versionId: string;
	nodes: Array<{ name: string; type: string; [key: string]: unknown }>;
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export async function getWorkflow(session: N8nSession, id: string): Promise<WorkflowRecord> {
	return await rest<WorkflowRecord>(session, 'GET', `/workflows/${id}`);
}

/**
 * Runs a workflow as the editor's "Execute workflow" button does, starting from the trigger node
 * `triggerName` (a Manual Trigger, or a polling trigger, which then polls once as "Fetch test event"
 * does). Returns the execution id; read the result with waitForExecution.
 */
export async function runWorkflowManually(session: N8nSession, id: string, triggerName: string): Promise<string> {
	const workflowData = await getWorkflow(session, id);
	const started = await rest<{ executionId?: string; waitingForWebhook?: boolean }>(session, 'POST', `/workflows/${id}/run`, {
		workflowData,
		triggerToStartFrom: { name: triggerName },
	});
	if (!started.executionId) throw new Error(`manual run of ${id} returned no execution id: ${JSON.stringify(started)}`);
	return started.executionId;
}

export async function activateWorkflow(session: N8nSession, id: string): Promise<void> {
	const { versionId } = await getWorkflow(session, id);
	await rest(session, 'POST', `/workflows/${id}/activate`, { versionId });
}

export interface ExecutionRecord {
	id: string;
	finished: boolean;
	status: string;
	/** The decoded IRunExecutionData (n8n stores it `flatted`-encoded). */
	data?: {
		resultData?: {
			runData?: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown }>>;
			error?: { message?: string };
		};
	};
	[key: string]: unknown;
}

/** GET /rest/executions/<id>, decoding `data` with the `flatted` copy that ships with that n8n. */
export async function getExecution(session: N8nSession, install: N8nInstall, id: string): Promise<ExecutionRecord> {
	const record = await rest<Record<string, unknown>>(session, 'GET', `/executions/${id}`);
	const requireFromN8n = createRequire(path.join(install.dir, 'node_modules', 'n8n', 'package.json'));
	const flatted = requireFromN8n('flatted') as { parse(text: string): unknown };
	const data = typeof record.data === 'string' ? flatted.parse(record.data) : record.data;
	return { ...(record as ExecutionRecord), data: data as ExecutionRecord['data'] };
}

/** Polls until the execution has finished (any status but new/running/waiting). */
export async function waitForExecution(
	session: N8nSession,
	install: N8nInstall,
	id: string,
	timeoutMs = 60_000,
): Promise<ExecutionRecord> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await getExecution(session, install, id);
		if (!['new', 'running', 'waiting'].includes(execution.status)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution.status} after ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
