import { decodeId, IdType } from '../hashid';
import type { State } from '../state';
import { TaskEngine, taskEngine } from './engine';
import type { ServeOptions } from './remote';
import { taskJson } from './serialize';
import type { ForcedOutcome, TaskRecord, TaskStatus } from './types';

export { makeTorrent } from './bencode';
export { torrentContent } from './download';
export { taskEngine, TaskEngine } from './engine';
export type { TaskRecord, TaskStatus } from './types';

/** Test controls of the task engine (`server.tasks`). IDs are the task hash IDs the API shows. */
export interface TaskControls {
	readonly engine: TaskEngine;
	/** Milliseconds per task step (default 25). */
	stepMs: number;
	/** Bytes a simulated torrent advances per step (default 1 MiB). */
	torrentBytesPerStep: number;
	/** New tasks run without waiting between steps. */
	instant: boolean;
	/** Tasks of a user as `GET /workflow` shows them (every category, newest first). */
	list(email: string): Array<Record<string, unknown>>;
	get(id: string): Record<string, unknown> | undefined;
	/** The next created task (of `type`, if given) ends with status "error" and this message. */
	failNext(message: string, type?: string): void;
	/** Runs every unfinished task to its end at once (slow remote files are sent in full). */
	finishAll(): Promise<void>;
	/** Holds every task at its next step until `resume()`. */
	pause(): void;
	resume(): void;
	/** Ends one task now with the given outcome (default completed); updated_at becomes "now". */
	finish(id: string, outcome?: ForcedOutcome): Promise<void>;
	/** Inserts a task record directly (no work is done), e.g. finished tasks for trigger tests. */
	add(email: string, task: { type: string; status: TaskStatus; error?: string; phase?: string; props?: Record<string, unknown> }): Record<string, unknown>;
	/** Files inside the storage policy for Import External Files: physical path → content. */
	putExternal(path: string, content: Buffer | string): void;
	/** POST /workflow/download cannot queue this URL: the answer becomes 40081 listing it, with the other tasks in `data`. */
	refuseUrl(url: string): void;
}

/** The loopback "internet" remote downloads fetch from (`server.remote`). */
export interface RemoteFiles {
	/** Serves content at a path; returns its URL (http://127.0.0.1:<port>/<path>). */
	serve(path: string, content: Buffer | string, opts?: ServeOptions): Promise<string>;
	/** A URL on the same server that answers 404. */
	missingUrl(name?: string): Promise<string>;
	/** Requests received per path. */
	readonly hits: Map<string, number>;
}

function find(engine: TaskEngine, id: string): TaskRecord | undefined {
	const n = decodeId(id, IdType.Task);
	return n === undefined ? undefined : engine.tasks.get(n);
}

export function taskControls(state: State): TaskControls {
	const engine = taskEngine(state);
	const user = (email: string) => {
		const u = state.userByEmail(email);
		if (!u) throw new Error(`unknown user ${email}`);
		return u;
	};
	return {
		engine,
		get stepMs() {
			return engine.stepMs;
		},
		set stepMs(v: number) {
			engine.stepMs = v;
		},
		get torrentBytesPerStep() {
			return engine.torrentBytesPerStep;
		},
		set torrentBytesPerStep(v: number) {
			engine.torrentBytesPerStep = v;
		},
		get instant() {
			return engine.instant;
		},
		set instant(v: boolean) {
			engine.instant = v;
		},
		list(email) {
			const u = user(email);
			return [...engine.tasks.values()]
				.filter((t) => t.ownerId === u.id)
				.sort((a, b) => b.id - a.id)
				.map(taskJson);
		},
		get(id) {
			const t = find(engine, id);
			return t && taskJson(t);
		},
		failNext: (message, type) => engine.failNext(message, type),
		finishAll: () => engine.finishAll(),
		pause: () => engine.pause(),
		resume: () => engine.resume(),
		async finish(id, outcome = { status: 'completed' }) {
			const t = find(engine, id);
			if (!t) throw new Error(`unknown task ${id}`);
			await engine.force(t, outcome);
		},
		add(email, task) {
			const t = engine.insert({
				ownerId: user(email).id,
				type: task.type,
				status: task.status,
				phase: task.phase,
				props: task.props ?? {},
				error: task.status === 'error' ? (task.error ?? 'task failed') : undefined,
			});
			return taskJson(t);
		},
		refuseUrl: (url) => engine.refusedUrls.add(url),
		putExternal(path, content) {
			engine.external.set(`/${path.split('/').filter(Boolean).join('/')}`, typeof content === 'string' ? Buffer.from(content) : content);
		},
	};
}

export function remoteFiles(state: State): RemoteFiles {
	const remote = taskEngine(state).remote;
	return {
		serve: (path, content, opts) => remote.serve(path, content, opts),
		missingUrl: (name) => remote.missingUrl(name),
		hits: remote.hits,
	};
}

/** `server.tasks` for a running test server. */
export const tasksOf = (server: { state: State }): TaskControls => taskControls(server.state);
/** `server.remote` for a running test server. */
export const remoteOf = (server: { state: State }): RemoteFiles => remoteFiles(server.state);
