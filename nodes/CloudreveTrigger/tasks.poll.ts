// Task Finished: the task lists (`GET /workflow`, cloudreve-api.md §2.5) are newest first; a poll reads each list
// until it passes the cursor's bound. `general` holds archive, extract, relocate and import tasks of every
// status; remote downloads are split into `downloading` (all running ones in one page) and `downloaded`.
import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isFinalStatus, listTasksPage, statusName, taskOutput, typeName, type TaskCategory, type TaskResponse } from '../shared/api/tasks';
import type { CloudreveClient } from '../shared/transport/client';
import { uriPath } from '../shared/uri';

import { advanceTasks, DEFAULT_CONFIG, initialTaskState, isTaskState, taskStopBefore, type TaskObservation } from './cursor';

const PAGE_SIZE = 100;
const MAX_PAGES = 50;

export interface TaskWatch {
	statuses: string[];
	types: string[];
}

export interface TaskPollContext {
	client: CloudreveClient;
	node: INode;
	watch: TaskWatch;
	scope: string;
	staticData: IDataObject;
	emitExisting: boolean;
	simplify: boolean;
	deadline: number;
}

export function taskCategories(types: string[]): TaskCategory[] {
	const categories: TaskCategory[] = [];
	if (types.some((t) => t !== 'remote_download')) categories.push('general');
	if (types.includes('remote_download')) categories.push('downloading', 'downloaded');
	return categories;
}

async function readLists(ctx: TaskPollContext, stopBefore: number, maxPages = MAX_PAGES): Promise<{ tasks: TaskResponse[]; complete: boolean }> {
	const tasks: TaskResponse[] = [];
	for (const category of taskCategories(ctx.watch.types)) {
		let token: string | undefined;
		for (let page = 0; ; page++) {
			if (page >= maxPages || (page > 0 && Date.now() > ctx.deadline)) return { tasks, complete: false };
			const data = await listTasksPage(ctx.client, category, PAGE_SIZE, token);
			const list = data.tasks ?? [];
			tasks.push(...list);
			token = data.pagination?.next_token;
			if (!token || list.length === 0) break;
			const first = Date.parse(list[0].created_at);
			const last = Date.parse(list[list.length - 1].created_at);
			// Newest first: older pages hold only tasks the cursor already knows. (Any other order: read it all.)
			if (first >= last && last < stopBefore) break;
		}
	}
	return { tasks, complete: true };
}

function observe(task: TaskResponse, watch: TaskWatch): TaskObservation {
	const final = isFinalStatus(task.status);
	return {
		id: task.id,
		created: Date.parse(task.created_at),
		updated: Date.parse(task.updated_at),
		final,
		matches: final && watch.statuses.includes(task.status) && watch.types.includes(task.type),
	};
}

const asList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);

function pathOf(uri: string): string {
	try {
		return uriPath(uri);
	} catch {
		return uri;
	}
}

/** The task in readable form: what it was, how it ended, and the files it read and wrote. */
export function simplifyTask(task: TaskResponse): IDataObject {
	const props = (task.summary?.props ?? {}) as IDataObject;
	const sources = [...asList(props.src_str), ...asList(props.src), ...asList(props.src_multiple)];
	const destination = typeof props.dst === 'string' ? props.dst : undefined;
	const download = props.download as { name?: string; files?: Array<{ name: string; size: number; selected: boolean }> } | undefined;
	const out: IDataObject = {
		id: task.id,
		type: task.type,
		typeName: typeName(task.type),
		status: task.status,
		statusName: statusName(task.status),
		created_at: task.created_at,
		finished_at: task.updated_at,
		sources,
	};
	if (destination) {
		out.destination = destination;
		out.destinationPath = pathOf(destination);
	}
	if (download?.files?.length) {
		out.files = download.files.filter((f) => f.selected !== false).map((f) => ({ name: f.name, size: f.size }));
	}
	if (typeof props.failed === 'number') out.failedFiles = props.failed;
	if (task.error) out.error = task.error;
	if (task.duration !== undefined) out.durationMs = task.duration;
	return out;
}

function output(task: TaskResponse, simplify: boolean): IDataObject {
	return simplify ? simplifyTask(task) : taskOutput(task);
}

export async function pollTasks(ctx: TaskPollContext): Promise<INodeExecutionData[][] | null> {
	const stored = ctx.staticData.cursor;
	const state = isTaskState(stored, ctx.scope) ? stored : initialTaskState(ctx.scope, ctx.emitExisting && stored === undefined);
	const listing = await readLists(ctx, taskStopBefore(state, DEFAULT_CONFIG));
	const byId = new Map(listing.tasks.map((t) => [t.id, t]));
	const step = advanceTasks(state, { items: listing.tasks.map((t) => observe(t, ctx.watch)), complete: listing.complete }, DEFAULT_CONFIG);
	ctx.staticData.cursor = step.state as unknown as IDataObject;
	if (step.emitted.length === 0) return null;
	return [step.emitted.map((e) => ({ json: output(byId.get(e.id)!, ctx.simplify) }))];
}

/** "Fetch Test Event": the most recently finished matching tasks, without touching the cursor. */
export async function sampleTasks(ctx: TaskPollContext): Promise<INodeExecutionData[][]> {
	const { tasks } = await readLists(ctx, 0, 3);
	const matching = tasks.filter((t) => observe(t, ctx.watch).matches);
	if (matching.length) {
		matching.sort((a, b) => Date.parse(b.updated_at) - Date.parse(a.updated_at));
		return [matching.slice(0, 5).map((t) => ({ json: output(t, ctx.simplify) }))];
	}
	throw new NodeOperationError(ctx.node, 'No finished task matches the trigger\'s settings', {
		description: `Fetch Test Event shows the most recently finished tasks of the chosen types (${ctx.watch.types.map(typeName).join(', ')}) with the chosen statuses (${ctx.watch.statuses.map(statusName).join(', ')}). Start such a task in Cloudreve, wait until it ends, then fetch again.`,
	});
}
