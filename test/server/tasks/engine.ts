import { nowMicros } from '../clock';
import type { State } from '../state';
import { RemoteFileServer } from './remote';
import { FINAL, type ForcedOutcome, type TaskRecord, type TaskStatus } from './types';

/** Ends a runner: a task error (message shown in `error`). */
export class TaskFailure extends Error {}
class Stop extends Error {}

export type Runner = (task: TaskRecord, engine: TaskEngine) => Promise<void>;

/**
 * The task queue of the test server. Each task runs an async runner that advances one step per `stepMs`
 * (`tick`), so tests see queued → processing (→ suspending) → completed/error over time. Tests steer it
 * through `server.tasks` (TaskControls in index.ts): speed, pause, instant finish, forced outcomes, failures.
 */
export class TaskEngine {
	readonly tasks = new Map<number, TaskRecord>();
	readonly remote = new RemoteFileServer();
	/** Files "inside a storage policy" for POST /workflow/import: physical path → content. */
	readonly external = new Map<string, Buffer>();
	/** Milliseconds per step. */
	stepMs = 25;
	/** Bytes a simulated torrent download advances per step. */
	torrentBytesPerStep = 1024 * 1024;
	/** New tasks run without waiting between steps. */
	instant = false;
	/** URLs POST /workflow/download refuses to queue (40081 with a 40048 entry per URL). */
	readonly refusedUrls = new Set<string>();
	private paused = false;
	private resumeWaiters: Array<() => void> = [];
	private readonly failQueue: Array<{ message: string; type?: string }> = [];
	private readonly timers = new Set<NodeJS.Timeout>();
	private seq = 0;
	private closed = false;

	constructor(readonly state: State) {}

	isFinal(t: TaskRecord): boolean {
		return FINAL.includes(t.status);
	}

	/** Queues a task owned by `ownerId` and starts its runner. */
	create(ownerId: number, type: string, init: { phase?: string; props: Record<string, unknown>; secret?: Record<string, unknown> }, runner: Runner): TaskRecord {
		const t = this.insert({ ownerId, type, status: 'queued', phase: init.phase, props: init.props, secret: init.secret ?? {} });
		const failIdx = this.failQueue.findIndex((f) => !f.type || f.type === type);
		const fail = failIdx >= 0 ? this.failQueue.splice(failIdx, 1)[0] : undefined;
		t.done = this.run(t, fail ? async () => { await this.tick(t); throw new TaskFailure(fail.message); } : runner);
		return t;
	}

	/** Inserts a record without a runner (tests: tasks in any status, finished later with `force`). */
	insert(init: Partial<TaskRecord> & { ownerId: number; type: string; status: TaskStatus }): TaskRecord {
		const now = nowMicros();
		const t: TaskRecord = {
			id: ++this.seq,
			createdAt: now,
			updatedAt: now,
			props: {},
			secret: {},
			progress: {},
			durationMs: 0,
			...init,
		};
		this.tasks.set(t.id, t);
		return t;
	}

	/** Changes status/phase and bumps updated_at, as Cloudreve saves the task on each change. */
	set(t: TaskRecord, status: TaskStatus, phase?: string): void {
		t.status = status;
		if (phase !== undefined) t.phase = phase;
		t.resumeTime = status === 'suspending' ? Math.floor((Date.now() + this.stepMs) / 1000) + 1 : undefined;
		t.updatedAt = nowMicros();
	}

	private async run(t: TaskRecord, runner: Runner): Promise<void> {
		try {
			await this.tick(t);
			t.startedAtMs = Date.now();
			this.set(t, 'processing');
			await runner(t, this);
			this.end(t, 'completed');
		} catch (err) {
			if (t.forced) this.end(t, t.forced.status, t.forced.error);
			else if (t.cancelRequested) this.end(t, 'canceled');
			else if (err instanceof Stop) this.end(t, 'canceled');
			else this.end(t, 'error', err instanceof Error ? err.message : String(err));
		}
	}

	private end(t: TaskRecord, status: TaskStatus, error?: string): void {
		if (this.isFinal(t)) return;
		if (t.startedAtMs) t.durationMs += Date.now() - t.startedAtMs;
		t.startedAtMs = undefined;
		t.progress = {};
		t.wake = undefined;
		t.abort = undefined;
		if (status === 'error') {
			t.error = error || 'unknown error';
			t.errorHistory = [...(t.errorHistory ?? []), t.error];
		}
		if (t.download && status !== 'completed' && t.download.state === 'downloading') t.download.state = status === 'error' ? 'error' : 'unknown';
		this.set(t, status);
	}

	/** Waits one step (or not at all when instant/rushed); throws when the task was canceled, forced or the server closed. */
	async tick(t: TaskRecord): Promise<void> {
		this.checkStop(t);
		if (!this.instant && !t.rush) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					this.timers.delete(timer);
					resolve();
				}, this.stepMs);
				this.timers.add(timer);
				t.wake = () => {
					clearTimeout(timer);
					this.timers.delete(timer);
					resolve();
				};
			});
			t.wake = undefined;
		}
		while (this.paused && !t.rush && !t.forced && !t.cancelRequested && !this.closed) {
			await new Promise<void>((resolve) => {
				this.resumeWaiters.push(resolve);
				t.wake = resolve;
			});
			t.wake = undefined;
		}
		this.checkStop(t);
	}

	checkStop(t: TaskRecord): void {
		if (t.forced || t.cancelRequested || this.closed) throw new Stop('stopped');
	}

	// ---- controls ----

	/** The next created task (of `type`, if given) fails with `message` after one step. */
	failNext(message: string, type?: string): void {
		this.failQueue.push({ message, type });
	}

	pause(): void {
		this.paused = true;
	}

	resume(): void {
		this.paused = false;
		const waiters = this.resumeWaiters;
		this.resumeWaiters = [];
		for (const w of waiters) w();
	}

	/** Runs every unfinished task to its end without waiting; resolves when all are final. */
	async finishAll(): Promise<void> {
		this.remote.unthrottled = true;
		const running = [...this.tasks.values()].filter((t) => !this.isFinal(t));
		for (const t of running) {
			t.rush = true;
			t.wake?.();
		}
		await Promise.all(running.map((t) => t.done));
		this.remote.unthrottled = false;
	}

	/** Ends a task with the given outcome now (runners stop at their next step). */
	async force(t: TaskRecord, outcome: ForcedOutcome): Promise<void> {
		if (this.isFinal(t)) return;
		if (!t.done) {
			t.forced = outcome;
			this.end(t, outcome.status, outcome.error);
			return;
		}
		t.forced = outcome;
		t.abort?.();
		t.wake?.();
		await t.done;
	}

	cancel(t: TaskRecord): void {
		t.cancelRequested = true;
		if (!t.done) return this.end(t, 'canceled');
		t.abort?.();
		t.wake?.();
	}

	progress(t: TaskRecord, key: string, current: number, total: number, identifier = ''): void {
		t.progress[key] = { total, current, identifier };
	}

	async close(): Promise<void> {
		this.closed = true;
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const t of this.tasks.values()) {
			t.abort?.();
			t.wake?.();
		}
		this.resume();
		await this.remote.close();
	}
}

/** The engine of a server state, created on first use. */
export function taskEngine(state: State): TaskEngine {
	let engine = state.ext.tasks as TaskEngine | undefined;
	if (!engine) {
		engine = new TaskEngine(state);
		state.ext.tasks = engine;
		const e = engine;
		state.closeHooks.push(() => e.close());
	}
	return engine;
}
