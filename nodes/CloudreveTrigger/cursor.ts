// The trigger's cursor: a pure state machine (design.md §1, n8n-notes.md §3.2). Given the stored state, what the
// server listed this poll, the time, and the configuration, it returns the next state and what to emit. No HTTP,
// no clock, no n8n: the property test drives it through thousands of simulated polls.
//
// State lives in getWorkflowStaticData('node'). It must stay small and JSON-only, and it may be lost back to the
// last poll that emitted (legacy n8n saves static data only when a poll emits), so every saved snapshot on its
// own must be enough to continue without missing or repeating anything.

export const CURSOR_VERSION = 1;

export interface CursorConfig {
	/** Items become visible at most this long after their server timestamp; the query re-reads this window. */
	overlapMs: number;
	/** Most items one poll emits; a backlog drains over several polls. */
	maxEmit: number;
	/** Most keys remembered at the window's edge (a bound on the static data size). */
	seenCap: number;
	/** Most uploads in progress tracked at once. */
	pendingCap: number;
	/** Uploads still in progress after this long are forgotten (Cloudreve's sessions expire after 24 h, §3.1). */
	pendingMaxAgeMs: number;
	/** Most unfinished tasks tracked at once. */
	runningCap: number;
	/** How far back the first poll looks for existing items when it does not emit them. */
	seedLookbackMs: number;
}

export const DEFAULT_CONFIG: CursorConfig = {
	overlapMs: 120_000,
	maxEmit: 500,
	seenCap: 2_000,
	pendingCap: 200,
	pendingMaxAgeMs: 26 * 3_600_000,
	runningCap: 1_000,
	seedLookbackMs: 3_600_000,
};

// ---------------------------------------------------------------------------------------------------------
// Scope

/** A short stable hash (FNV-1a, 2 × 32 bit) of everything that decides what the trigger watches. */
export function scopeHash(parts: unknown): string {
	const text = JSON.stringify(parts);
	let h1 = 0x811c9dc5;
	let h2 = 0x01000193 ^ text.length;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
		h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
	}
	return h1.toString(36) + h2.toString(36);
}

// ---------------------------------------------------------------------------------------------------------
// Files (New File on created_at, File Updated on updated_at)

/** One file or folder as the cursor sees it. */
export interface FileObservation {
	id: string;
	/** Identity of the event: the file ID for new files, `id@updated` for updates. */
	key: string;
	/** Server timestamp of the event, in ms (created_at or updated_at). */
	ts: number;
	/** An upload that has not completed yet (`sys:upload_session_id`, §3.1): not an event until it completes. */
	placeholder: boolean;
	/** Passes the filters that are applied here rather than by the server's search. */
	matches: boolean;
}

export interface FileCursorState {
	v: number;
	kind: 'files';
	scope: string;
	/** Server timestamp (ms) up to which every visible item has been handled. */
	wm: number;
	/** Keys emitted with ts ≥ wm − overlap: [key, ts]. */
	seen: Array<[string, number]>;
	/** Uploads in progress: [file id, ts, first seen (ms, local clock)]. */
	pending: Array<[string, number, number]>;
	/** While a listing is too large for one poll: read only up to this many seconds past the watermark. */
	span?: number;
	/** The slice cannot be narrowed further: the next poll reads it whole, whatever its budget. */
	tight?: boolean;
	/** Set until the first complete listing: what it shows counts as already known, nothing is emitted. */
	arming?: boolean;
}

export interface FileQuery {
	/** Lower bound in Unix seconds, inclusive (`created_gte` / `updated_gte`). */
	gte: number;
	/** Upper bound in Unix seconds, inclusive, while draining a large listing in slices (watermark + span). */
	lte?: number;
}

export interface FileListing {
	items: FileObservation[];
	/** False when the listing stopped early (poll budget or page limit): nothing is emitted from it. */
	complete: boolean;
	/** Fresh state of each pending upload: an observation, null when it is gone, absent when not checked. */
	pendingChecks?: Record<string, FileObservation | null>;
}

export interface FileStep {
	state: FileCursorState;
	emitted: FileObservation[];
}

export function isFileState(value: unknown, scope: string): value is FileCursorState {
	const s = value as FileCursorState | undefined;
	return (
		!!s &&
		s.v === CURSOR_VERSION &&
		s.kind === 'files' &&
		s.scope === scope &&
		typeof s.wm === 'number' &&
		Array.isArray(s.seen) &&
		Array.isArray(s.pending)
	);
}

/**
 * The state of a first poll (or a poll after the scope changed). With `emitExisting` the watermark starts at 0,
 * so everything already in the folder drains as if new; otherwise the first listing only arms the cursor.
 */
export function initialFileState(scope: string, now: number, emitExisting: boolean, config: CursorConfig = DEFAULT_CONFIG): FileCursorState {
	if (emitExisting) return { v: CURSOR_VERSION, kind: 'files', scope, wm: 0, seen: [], pending: [] };
	return { v: CURSOR_VERSION, kind: 'files', scope, wm: now - config.seedLookbackMs, seen: [], pending: [], arming: true };
}

/** The time bounds of this poll's search (§1.13: Unix seconds, inclusive). */
export function fileQuery(state: FileCursorState, config: CursorConfig = DEFAULT_CONFIG): FileQuery {
	const gte = Math.max(0, Math.floor((state.wm - config.overlapMs) / 1000));
	// The overlap window is always re-read, so a slice must reach past the watermark to make progress.
	return state.span ? { gte, lte: Math.floor(state.wm / 1000) + state.span } : { gte };
}

const byTsThenKey = (a: FileObservation, b: FileObservation) => a.ts - b.ts || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** One poll. While the cursor is arming, what the listing shows counts as already known. */
export function advanceFiles(state: FileCursorState, listing: FileListing, now: number, config: CursorConfig = DEFAULT_CONFIG): FileStep {
	const seeding = state.arming === true;
	const query = fileQuery(state, config);
	if (!listing.complete) {
		// Too much to list in one poll: without the whole window the oldest items may be missing, so emit
		// nothing and next time list only up to the second of the earliest new item seen (or half as far).
		const second = Math.floor(state.wm / 1000);
		const beyond = listing.items.reduce((m, i) => (i.ts > state.wm ? Math.min(m, i.ts) : m), Infinity);
		const needed = beyond === Infinity ? 1 : Math.max(1, Math.floor(beyond / 1000) - second + 1);
		const newest = listing.items.reduce((m, i) => Math.max(m, i.ts), state.wm);
		const halved = Math.min(86_400, state.span ? Math.floor(state.span / 2) : Math.max(1, Math.floor((newest - state.wm) / 2000)));
		const span = Math.max(needed, halved);
		const next: FileCursorState = { ...state, span };
		// A slice that cannot be narrowed any more is read whole whatever the poll budget, so the drain goes on.
		if (span === needed) next.tight = true;
		else delete next.tight;
		return { state: next, emitted: [] };
	}

	const lowerMs = state.wm - config.overlapMs;
	const seen = new Map(state.seen);
	const pending = new Map(state.pending.map(([id, ts, since]) => [id, { ts, since }]));
	const candidates = new Map<string, FileObservation>();
	let newest = state.wm;
	/** Newest server timestamp in this listing: evidence of the server's clock. */
	let observed = -Infinity;

	for (const item of listing.items) {
		if (item.placeholder) {
			// A new version being uploaded over a file already emitted is not a new file.
			if (!pending.has(item.id) && !seen.has(item.key)) pending.set(item.id, { ts: item.ts, since: now });
			continue;
		}
		// An upload that completed is an event even when it started before the window.
		const wasPending = pending.delete(item.id);
		newest = Math.max(newest, item.ts);
		observed = Math.max(observed, item.ts);
		if (seen.has(item.key) || !item.matches) continue;
		if (item.ts < lowerMs && !wasPending) continue;
		candidates.set(item.key, item);
	}

	for (const [id, check] of Object.entries(listing.pendingChecks ?? {})) {
		const entry = pending.get(id);
		if (!entry) continue;
		if (check === null) {
			pending.delete(id);
		} else if (!check.placeholder) {
			pending.delete(id);
			if (check.matches && !seen.has(check.key)) candidates.set(check.key, check);
		}
	}
	for (const [id, entry] of pending) {
		if (now - entry.since > config.pendingMaxAgeMs) pending.delete(id);
	}

	let emitted: FileObservation[] = [];
	let wm = state.wm;
	let span = state.span;
	// A slice read whole is known up to its end: the watermark may pass empty seconds, but never run more than half
	// the overlap ahead of the newest server time seen (what appears later must still fall in the window).
	const reach = () => (query.lte === undefined ? newest : Math.max(newest, Math.min(query.lte * 1000, observed + config.overlapMs / 2)));
	// A slice that was read whole lets the next one be twice as wide, until the slices reach the present.
	const widen = () => (span && (Math.floor(wm / 1000) + span * 2) * 1000 <= now + 86_400_000 ? span * 2 : undefined);
	if (seeding) {
		for (const c of candidates.values()) seen.set(c.key, c.ts);
		wm = reach();
		span = widen();
	} else {
		const sorted = [...candidates.values()].sort(byTsThenKey);
		emitted = sorted.slice(0, config.maxEmit);
		for (const e of emitted) seen.set(e.key, e.ts);
		if (emitted.length < sorted.length) {
			// Capped: advance only to the last emitted item; the rest stay in the window (or in `pending`).
			const last = emitted[emitted.length - 1];
			wm = Math.max(state.wm, last.ts);
			for (const rest of sorted.slice(emitted.length)) {
				if (rest.ts < wm - config.overlapMs && !pending.has(rest.id)) pending.set(rest.id, { ts: rest.ts, since: now });
			}
		} else {
			wm = reach();
			span = widen();
		}
	}
	// Beyond the cap the longest-running uploads are forgotten (they would be missed if they ever completed):
	// holding the watermark for them instead would grow the window, and the seen set, without bound.
	if (pending.size > config.pendingCap) {
		const oldest = [...pending].sort((a, b) => a[1].since - b[1].since || a[1].ts - b[1].ts);
		for (const [id] of oldest.slice(0, pending.size - config.pendingCap)) pending.delete(id);
	}

	const edge = wm - config.overlapMs;
	let kept = [...seen].filter(([, ts]) => ts >= edge);
	if (kept.length > config.seenCap) kept = kept.sort((a, b) => a[1] - b[1]).slice(kept.length - config.seenCap);
	const next: FileCursorState = {
		v: CURSOR_VERSION,
		kind: 'files',
		scope: state.scope,
		wm,
		seen: kept,
		pending: [...pending].map(([id, e]) => [id, e.ts, e.since]),
	};
	if (span) next.span = span;
	// Arming ends only once the listing reached the present (no upper bound).
	if (seeding && query.lte !== undefined) next.arming = true;
	return { state: next, emitted };
}

// ---------------------------------------------------------------------------------------------------------
// Tasks (Task Finished)

export interface TaskObservation {
	id: string;
	/** created_at in ms: tasks are listed newest first by ID, which follows creation. */
	created: number;
	/** updated_at in ms: the finish time of a finished task. */
	updated: number;
	/** completed, error or canceled. */
	final: boolean;
	/** Chosen status and type. */
	matches: boolean;
}

export interface TaskCursorState {
	v: number;
	kind: 'tasks';
	scope: string;
	/** Newest created_at (ms) observed: every task created before hw − overlap is either known or tracked. */
	hw: number;
	/** Emitted tasks created at or after hw − overlap: [id, created]. */
	seen: Array<[string, number]>;
	/** Unfinished tasks: [id, created]. */
	running: Array<[string, number]>;
	/** Set until the first complete listing: finished tasks it shows count as already known. */
	arming?: boolean;
}

export interface TaskListing {
	/** Tasks from every relevant list, newest first within each list. */
	items: TaskObservation[];
	/** The lists were read down to `taskStopBefore` (or to their end). */
	complete: boolean;
}

export interface TaskStep {
	state: TaskCursorState;
	emitted: TaskObservation[];
}

export function isTaskState(value: unknown, scope: string): value is TaskCursorState {
	const s = value as TaskCursorState | undefined;
	return (
		!!s &&
		s.v === CURSOR_VERSION &&
		s.kind === 'tasks' &&
		s.scope === scope &&
		typeof s.hw === 'number' &&
		Array.isArray(s.seen) &&
		Array.isArray(s.running)
	);
}

/** A fresh task cursor: `hw` 0 makes every task look new (emitted, or only noted while arming). */
export function initialTaskState(scope: string, emitExisting: boolean): TaskCursorState {
	const state: TaskCursorState = { v: CURSOR_VERSION, kind: 'tasks', scope, hw: 0, seen: [], running: [] };
	if (!emitExisting) state.arming = true;
	return state;
}

/**
 * Lists are newest first, so paging can stop once a page ends before this time (ms): older tasks are known,
 * or tracked as running. 0 on a fresh cursor: read everything once to find the running tasks.
 */
export function taskStopBefore(state: TaskCursorState, config: CursorConfig = DEFAULT_CONFIG): number {
	if (state.hw === 0) return 0;
	const oldestRunning = state.running.reduce((m, [, c]) => Math.min(m, c), Infinity);
	return Math.max(0, Math.min(state.hw - config.overlapMs, oldestRunning));
}

export function advanceTasks(state: TaskCursorState, listing: TaskListing, config: CursorConfig = DEFAULT_CONFIG): TaskStep {
	const seeding = state.arming === true;
	if (!listing.complete) return { state, emitted: [] };
	const lowerMs = state.hw === 0 ? -Infinity : state.hw - config.overlapMs;
	const seen = new Map(state.seen);
	const running = new Map(state.running);
	const wasRunning = new Set(running.keys());
	const observed = new Set<string>();
	const candidates = new Map<string, TaskObservation>();
	let hw = state.hw;

	for (const t of listing.items) {
		if (observed.has(t.id)) continue;
		observed.add(t.id);
		hw = Math.max(hw, t.created);
		if (seen.has(t.id)) continue;
		if (!wasRunning.has(t.id) && t.created < lowerMs) continue;
		if (!t.final) {
			running.set(t.id, t.created);
			continue;
		}
		running.delete(t.id);
		if (t.matches) candidates.set(t.id, t);
	}
	// A tracked task the complete listing no longer shows was deleted: stop waiting for it.
	for (const id of wasRunning) if (!observed.has(id)) running.delete(id);

	let emitted: TaskObservation[] = [];
	if (seeding) {
		for (const c of candidates.values()) seen.set(c.id, c.created);
	} else {
		const sorted = [...candidates.values()].sort((a, b) => a.updated - b.updated || a.created - b.created || (a.id < b.id ? -1 : 1));
		emitted = sorted.slice(0, config.maxEmit);
		for (const e of emitted) seen.set(e.id, e.created);
		// Finished tasks beyond the cap wait as "running" so the next poll reaches them again.
		for (const rest of sorted.slice(emitted.length)) running.set(rest.id, rest.created);
	}

	const edge = hw - config.overlapMs;
	let kept = [...seen].filter(([, c]) => c >= edge);
	if (kept.length > config.seenCap) kept = kept.sort((a, b) => a[1] - b[1]).slice(kept.length - config.seenCap);
	let stillRunning = [...running];
	if (stillRunning.length > config.runningCap) stillRunning = stillRunning.sort((a, b) => a[1] - b[1]).slice(stillRunning.length - config.runningCap);
	return { state: { v: CURSOR_VERSION, kind: 'tasks', scope: state.scope, hw, seen: kept, running: stillRunning }, emitted };
}

// ---------------------------------------------------------------------------------------------------------
// Error throttling (as the SharePoint trigger does)

export const ERROR_REPEAT_MS = 3_600_000;

export interface ErrorState {
	errKey?: string;
	errAt?: number;
}

/** Whether a failing poll should surface: the first error, a different one, and the same one once an hour. */
export function shouldSurfaceError(state: ErrorState, key: string, now: number): { surface: boolean; state: ErrorState } {
	const surface = state.errKey !== key || now - (state.errAt ?? 0) >= ERROR_REPEAT_MS;
	return { surface, state: surface ? { errKey: key, errAt: now } : state };
}
