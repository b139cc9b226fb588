// "Wait for Completion" for every task-creating operation. Cloudreve 4.18 has no endpoint for one task
// (cloudreve-api.md §2.5), so the loop finds its tasks by paging their list category, sleeping between polls
// with n8n's `sleep`. The decision of each round is a pure function (nextWaitStep) so it can be unit-tested.
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	categoriesOf,
	findTasks,
	isFinalStatus,
	statusName,
	taskOutput,
	typeName,
	type TaskCategory,
	type TaskResponse,
} from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';

/** Polls in a row a task may be missing from its list before the wait gives up on it. */
export const MAX_MISSING_POLLS = 3;

export interface WaitInput {
	/** Every task waited for, with its last seen status (undefined = not found in the last poll). */
	tasks: Array<{ id: string; status?: string }>;
	elapsedMs: number;
	timeoutMs: number;
	intervalMs: number;
	/** Consecutive polls each task was missing from its list. */
	missing: Record<string, number>;
}

export type WaitStep =
	| { kind: 'finished' }
	| { kind: 'sleep'; ms: number }
	| { kind: 'timeout'; pending: string[] }
	| { kind: 'lost'; ids: string[] };

/** What the wait loop does next: stop (all final), give up (timeout, lost tasks) or sleep and poll again. */
export function nextWaitStep(input: WaitInput): WaitStep {
	const pending = input.tasks.filter((t) => t.status === undefined || !isFinalStatus(t.status));
	if (pending.length === 0) return { kind: 'finished' };
	const lost = pending.filter((t) => (input.missing[t.id] ?? 0) >= MAX_MISSING_POLLS).map((t) => t.id);
	if (lost.length) return { kind: 'lost', ids: lost };
	const left = input.timeoutMs - input.elapsedMs;
	if (left <= 0) return { kind: 'timeout', pending: pending.map((t) => t.id) };
	return { kind: 'sleep', ms: Math.max(1, Math.min(input.intervalMs, left)) };
}

export interface WaitOptions {
	intervalMs: number;
	timeoutMs: number;
}

/** The Wait for Completion fields for one operation. */
export function waitProperties(show: Record<string, string[]>): INodeProperties[] {
	return [
		{
			displayName: 'Wait for Completion',
			name: 'waitForCompletion',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the task is completed, failed or canceled and return its final state. Otherwise the node returns the queued task at once; use Task → Get to check it later.',
			displayOptions: { show },
		},
		{
			displayName: 'Poll Interval (Seconds)',
			name: 'pollInterval',
			type: 'number',
			typeOptions: { minValue: 0.1, numberPrecision: 1 },
			default: 2,
			description: 'How often to check the task while waiting',
			displayOptions: { show: { ...show, waitForCompletion: [true] } },
		},
		{
			displayName: 'Timeout (Seconds)',
			name: 'waitTimeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 600,
			description: 'Stop waiting with an error (naming the task and its last status) after this many seconds. The task itself keeps running on the server.',
			displayOptions: { show: { ...show, waitForCompletion: [true] } },
		},
	];
}

/** Wait options of an item, or undefined when the user does not want to wait. */
export function readWaitOptions(ctx: IExecuteFunctions, i: number): WaitOptions | undefined {
	if (!(ctx.getNodeParameter('waitForCompletion', i, false) as boolean)) return undefined;
	const interval = Number(ctx.getNodeParameter('pollInterval', i, 2));
	const timeout = Number(ctx.getNodeParameter('waitTimeout', i, 600));
	return {
		intervalMs: Math.max(100, Math.round((Number.isFinite(interval) ? interval : 2) * 1000)),
		timeoutMs: Math.max(1, Math.round((Number.isFinite(timeout) ? timeout : 600) * 1000)),
	};
}

/** Polls until every task is final; returns the tasks in the order given. */
export async function waitForTasks(
	ctx: IExecuteFunctions,
	client: CloudreveClient,
	tasks: TaskResponse[],
	options: WaitOptions,
	i: number,
): Promise<TaskResponse[]> {
	const latest = new Map<string, TaskResponse | undefined>(tasks.map((t) => [t.id, t]));
	const lastSeen = new Map<string, TaskResponse>(tasks.map((t) => [t.id, t]));
	const missing: Record<string, number> = {};
	const started = Date.now();
	for (;;) {
		const step = nextWaitStep({
			tasks: tasks.map((t) => ({ id: t.id, status: latest.get(t.id)?.status })),
			elapsedMs: Date.now() - started,
			timeoutMs: options.timeoutMs,
			intervalMs: options.intervalMs,
			missing,
		});
		if (step.kind === 'finished') return tasks.map((t) => latest.get(t.id)!);
		if (step.kind === 'timeout') {
			const seconds = Math.round(options.timeoutMs / 1000);
			const states = step.pending.map((id) => `${id} (last status: ${statusName(lastSeen.get(id)?.status ?? 'unknown')})`);
			throw new NodeOperationError(ctx.getNode(), `Task ${states.join(', ')} did not finish within ${seconds} s`, {
				itemIndex: i,
				description:
					'The task keeps running on the server. Raise "Timeout (Seconds)", or check it later with Task → Get using the task ID.',
			});
		}
		if (step.kind === 'lost') {
			throw new NodeOperationError(ctx.getNode(), `Task ${step.ids.join(', ')} is no longer listed by Cloudreve`, {
				itemIndex: i,
				description: 'An administrator may have deleted the task from the queue. Check Task → Get Many.',
			});
		}
		await sleep(step.ms);
		const pending = tasks.filter((t) => !isFinalStatus(latest.get(t.id)?.status ?? ''));
		const categories = new Set<TaskCategory>();
		for (const t of pending) for (const c of categoriesOf(t.type, latest.get(t.id)?.status)) categories.add(c);
		// A download changes category when it finishes, so look in both while it runs.
		if (categories.has('downloading')) categories.add('downloaded');
		const found = await findTasks(client, pending.map((t) => t.id), [...categories], i);
		for (const t of pending) {
			const now = found.get(t.id);
			latest.set(t.id, now);
			if (now) {
				lastSeen.set(t.id, now);
				missing[t.id] = 0;
			} else {
				missing[t.id] = (missing[t.id] ?? 0) + 1;
			}
		}
	}
}

/** The error of a failed task: Cloudreve's message, its type and ID, earlier attempts. */
export function taskFailure(ctx: IExecuteFunctions, task: TaskResponse, i: number): NodeApiError {
	const lines = [`Task ${task.id} (${typeName(task.type)}) ended with status "error".`];
	if (task.error_history?.length) lines.push(`Earlier attempts: ${task.error_history.join(' | ')}`);
	lines.push('Turn on "Continue On Fail" (Settings) to receive the failed task as data instead.');
	// Not the task itself: n8n would read its `status` ("error") as an HTTP code.
	const response = { message: task.error || 'Task failed', taskId: task.id, taskType: task.type, taskStatus: task.status };
	return new NodeApiError(ctx.getNode(), response as unknown as JsonObject, {
		message: `Cloudreve task failed: ${task.error || 'no error message'}`,
		description: lines.join('\n'),
		itemIndex: i,
	});
}

/**
 * Output of task-creating operations: optionally waits; a failed task becomes an error, or (Continue On Fail)
 * an item with the task and its `error` message.
 */
export async function finishTaskOperation(
	ctx: IExecuteFunctions,
	client: CloudreveClient,
	created: TaskResponse[],
	i: number,
	extra: IDataObject = {},
	options: { failOnlyWhenWaiting?: boolean } = {},
): Promise<INodeExecutionData[]> {
	const wait = readWaitOptions(ctx, i);
	const tasks = wait ? await waitForTasks(ctx, client, created, wait, i) : created;
	const failed = tasks.find((t) => t.status === 'error');
	if (failed && !ctx.continueOnFail() && (wait || !options.failOnlyWhenWaiting)) throw taskFailure(ctx, failed, i);
	return tasks.map((t) => ({ json: { ...taskOutput(t), ...extra, ...(t.status === 'error' ? { error: t.error || 'Task failed' } : {}) } }));
}
