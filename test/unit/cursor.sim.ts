// Property test of the trigger cursor (issue 5): thousands of simulated polls against a simulated Cloudreve, with
// many files in the same second, items that become visible late, uploads that finish late (or are cancelled),
// tasks that finish out of order, listings too large for one poll, pending checks skipped by the poll budget,
// restarts that lose every state change since the last poll that emitted (legacy n8n saves static data only
// then), and scope changes. It counts missed and duplicated events; both must be 0.
import {
	advanceFiles,
	advanceTasks,
	DEFAULT_CONFIG,
	fileQuery,
	initialFileState,
	initialTaskState,
	isFileState,
	isTaskState,
	taskStopBefore,
	type CursorConfig,
	type FileCursorState,
	type FileObservation,
	type TaskCursorState,
	type TaskObservation,
} from '../../nodes/CloudreveTrigger/cursor';

function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export interface Totals {
	runs: number;
	polls: number;
	restarts: number;
	scopeChanges: number;
	incompleteListings: number;
	expected: number;
	emitted: number;
	missed: number;
	duplicated: number;
	wrong: number;
	maxStateBytes: number;
}

export const totals = (): Totals => ({
	runs: 0,
	polls: 0,
	restarts: 0,
	scopeChanges: 0,
	incompleteListings: 0,
	expected: 0,
	emitted: 0,
	missed: 0,
	duplicated: 0,
	wrong: 0,
	maxStateBytes: 0,
});

// ---------------------------------------------------------------------------------------------------------
// Files

interface SimFile {
	id: string;
	ts: number;
	visibleAt: number;
	/** Infinity: never completes. */
	completeAt: number;
	canceledAt: number;
	tag: number;
}

const SCOPES = [[0, 1, 2, 3], [0, 1], [2], [1, 3]];

export function runFileSimulation(seed: number, polls: number, emitExisting: boolean, t: Totals): void {
	const rnd = prng(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const config: CursorConfig = { ...DEFAULT_CONFIG, maxEmit: int(1, 4) === 1 ? int(3, 40) : 500, pendingCap: 200 };
	const files: SimFile[] = [];
	let nextId = 1;
	let now = 1_760_000_000_000 + int(0, 1_000_000);
	// Files that exist before the trigger is first activated.
	for (let i = 0; i < int(0, 30); i++) {
		const ts = now - int(0, 7_200_000);
		files.push({ id: `f${nextId++}`, ts, visibleAt: ts, completeAt: ts, canceledAt: Infinity, tag: int(0, 3) });
	}
	let scope = 0;
	let saved: FileCursorState | undefined;
	let memory: FileCursorState | undefined;
	let everArmed = false;
	const counts = new Map<string, number>();
	let epochStart = now;
	let epochScope = 0;
	let epochEmitsExisting = false;

	const visible = (f: SimFile, at: number) => f.visibleAt <= at && f.canceledAt > at;
	const observe = (f: SimFile, at: number): FileObservation => ({
		id: f.id,
		key: f.id,
		ts: f.ts,
		placeholder: f.completeAt > at,
		matches: SCOPES[scope].includes(f.tag),
	});

	let lastEmitted = 0;
	const poll = (settling: boolean) => {
		t.polls++;
		const scopeKey = `s${scope}`;
		let seeding = false;
		let state = memory;
		if (!isFileState(state, scopeKey)) {
			const existing = emitExisting && !everArmed;
			state = initialFileState(scopeKey, now, existing, config);
			seeding = !existing;
			everArmed = true;
			epochStart = now;
			epochScope = scope;
			epochEmitsExisting = existing;
		}
		const q = fileQuery(state, config);
		let items = files.filter((f) => visible(f, now) && f.ts >= q.gte * 1000 && (q.lte === undefined || f.ts <= q.lte * 1000));
		let complete = true;
		const pageLimit = settling || state.tight ? Infinity : rnd() < 0.05 ? int(5, 200) : 5000;
		if (items.length > pageLimit) {
			complete = false;
			t.incompleteListings++;
			items = items.slice(0, pageLimit);
		}
		const pendingChecks: Record<string, FileObservation | null> = {};
		for (const [id] of state.pending) {
			if (!settling && rnd() < 0.1) continue; // the poll budget ran out before this check
			const f = files.find((x) => x.id === id);
			pendingChecks[id] = f && visible(f, now) ? observe(f, now) : null;
		}
		const step = advanceFiles(state, { items: items.map((f) => observe(f, now)), complete, pendingChecks }, now, config);
		// Arming ends with the first complete listing: what existed then is not an event.
		if (state.arming && !step.state.arming) epochStart = now;
		if (process.env.TRACE) console.log(`poll t=${now} seeding=${seeding} scope=${scope} wm=${state.wm} q=${JSON.stringify(q)} items=${items.length} complete=${complete} emitted=${step.emitted.map((e) => e.id + '@' + e.ts).join(',')} newWm=${step.state.wm} seen=${step.state.seen.length} pending=${step.state.pending.length}`);
		for (const e of step.emitted) {
			const f = files.find((x) => x.id === e.id)!;
			if (!visible(f, now) || f.completeAt > now || !SCOPES[scope].includes(f.tag)) t.wrong++;
			counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
		}
		t.emitted += step.emitted.length;
		lastEmitted = step.emitted.length;
		memory = step.state;
		if (step.emitted.length > 0) saved = clone(step.state);
		t.maxStateBytes = Math.max(t.maxStateBytes, JSON.stringify(step.state).length);
	};

	for (let p = 0; p < polls; p++) {
		const prev = now;
		now += rnd() < 0.1 ? int(0, 2_000) : int(20_000, 90_000);
		const burst = rnd() < 0.03 ? int(50, 700) : int(0, 6);
		const second = prev + int(0, now - prev);
		for (let i = 0; i < burst; i++) {
			// Many files share a second (and often a millisecond).
			const ts = rnd() < 0.6 ? Math.floor(second / 1000) * 1000 + int(0, 3) : int(prev + 1, now);
			const delay = rnd() < 0.7 ? 0 : int(0, DEFAULT_CONFIG.overlapMs / 2);
			// Uploads in progress stay under the documented limit (200 at once): bursts are mostly plain files.
			const upload = rnd() < (burst > 6 ? 0.02 : 0.15);
			const completeAt = upload ? ts + (rnd() < 0.8 ? int(1_000, 600_000) : int(600_000, 20 * 3_600_000)) : ts;
			const canceledAt = upload && rnd() < 0.1 ? ts + int(1_000, 3_600_000) : Infinity;
			files.push({ id: `f${nextId++}`, ts: Math.min(ts, now), visibleAt: Math.min(ts + delay, now + delay), completeAt, canceledAt, tag: int(0, 3) });
		}
		if (rnd() < 0.03) {
			t.restarts++;
			memory = saved ? clone(saved) : undefined;
			if (process.env.TRACE) console.log('restart');
		}
		if (rnd() < 0.01 && p < polls * 0.7) {
			t.scopeChanges++;
			scope = int(0, SCOPES.length - 1);
			if (process.env.TRACE) console.log('scope', scope);
		}
		poll(false);
	}
	// Settle: no new files, every upload still open finishes, polls until the backlog has drained.
	for (const f of files) if (f.completeAt !== Infinity && f.completeAt > now) f.completeAt = now + 1;
	// (until a few polls in a row emit nothing: a capped backlog drains over several polls)
	for (let i = 0, quiet = 0; i < 5_000 && (i < 30 || quiet < 3 || memory?.span !== undefined); i++) {
		now += 60_000;
		poll(true);
		quiet = lastEmitted === 0 ? quiet + 1 : 0;
	}

	for (const [id, n] of counts) {
		if (n > 1) {
			t.duplicated += n - 1;
			if (process.env.TRACE) console.log('dup', id, n);
		}
	}
	for (const f of files) {
		if (!SCOPES[epochScope].includes(f.tag)) continue;
		if (f.canceledAt !== Infinity) continue;
		// The last arming's promise: every file that appeared after it (or every file, if it emitted existing ones).
		const inEpoch = epochEmitsExisting || f.ts > epochStart;
		if (!inEpoch) continue;
		t.expected++;
		if (!counts.has(f.id)) {
			t.missed++;
			if (process.env.TRACE) console.log('missed', JSON.stringify(f), 'epochStart', epochStart);
		}
	}
	t.runs++;
}

// ---------------------------------------------------------------------------------------------------------
// Tasks

interface SimTask {
	n: number;
	id: string;
	created: number;
	finishAt: number;
	finalStatus: 'completed' | 'error' | 'canceled';
	type: number;
}

const TASK_SCOPES: Array<{ statuses: string[]; types: number[] }> = [
	{ statuses: ['completed'], types: [0, 1, 2, 3, 4] },
	{ statuses: ['completed', 'error', 'canceled'], types: [0, 1, 2, 3, 4] },
	{ statuses: ['error'], types: [0, 2] },
	{ statuses: ['completed', 'canceled'], types: [1] },
];

export function runTaskSimulation(seed: number, polls: number, emitExisting: boolean, t: Totals): void {
	const rnd = prng(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const config: CursorConfig = { ...DEFAULT_CONFIG, maxEmit: int(1, 4) === 1 ? int(2, 20) : 500 };
	const tasks: SimTask[] = [];
	let now = 1_760_000_000_000 + int(0, 1_000_000);
	let n = 0;
	const add = (created: number) => {
		n++;
		const statuses = ['completed', 'error', 'canceled'] as const;
		tasks.push({
			n,
			id: `t${n}`,
			created,
			finishAt: created + (rnd() < 0.8 ? int(0, 120_000) : int(120_000, 6 * 3_600_000)),
			finalStatus: statuses[int(0, 2)],
			type: int(0, 4),
		});
	};
	for (let i = 0; i < int(0, 40); i++) add(now - 7_200_000 + i * 1000);
	let scope = 0;
	let saved: TaskCursorState | undefined;
	let memory: TaskCursorState | undefined;
	let everArmed = false;
	const counts = new Map<string, number>();
	let epochStart = now;
	let epochScope = 0;
	let epochEmitsExisting = false;

	const observe = (task: SimTask, at: number): TaskObservation => {
		const final = task.finishAt <= at;
		const status = final ? task.finalStatus : 'processing';
		return {
			id: task.id,
			created: task.created,
			updated: final ? task.finishAt : at,
			final,
			matches: final && TASK_SCOPES[scope].statuses.includes(status) && TASK_SCOPES[scope].types.includes(task.type),
		};
	};

	let lastEmitted = 0;
	const poll = (settling: boolean) => {
		t.polls++;
		const scopeKey = `t${scope}`;
		let state = memory;
		let seeding = false;
		if (!isTaskState(state, scopeKey)) {
			seeding = !(emitExisting && !everArmed);
			state = initialTaskState(scopeKey, !seeding);
			epochEmitsExisting = !seeding;
			everArmed = true;
			epochStart = now;
			epochScope = scope;
		}
		// Newest first by ID, paged; stop once a page ends before the cursor's bound.
		const stop = taskStopBefore(state, config);
		const all = tasks.filter((x) => x.created <= now).sort((a, b) => b.n - a.n);
		const pageSize = int(10, 100);
		const maxPages = settling ? Infinity : rnd() < 0.05 ? int(1, 3) : 1000;
		const items: TaskObservation[] = [];
		let complete = false;
		for (let page = 0; ; page++) {
			if (page >= maxPages) break;
			const chunk = all.slice(page * pageSize, (page + 1) * pageSize);
			items.push(...chunk.map((x) => observe(x, now)));
			if (chunk.length < pageSize || (chunk.length && chunk[chunk.length - 1].created < stop)) {
				complete = true;
				break;
			}
		}
		if (!complete) t.incompleteListings++;
		const step = advanceTasks(state, { items, complete }, config);
		if (state.arming && !step.state.arming) epochStart = now;
		if (process.env.TRACE) console.log(`tpoll t=${now} seeding=${seeding} scope=${scope} hw=${state.hw} stop=${stop} items=${items.length} complete=${complete} emitted=${step.emitted.map((e) => e.id).join(',')} hw'=${step.state.hw} seen=${step.state.seen.length} running=${step.state.running.length}`);
		for (const e of step.emitted) {
			const task = tasks.find((x) => x.id === e.id)!;
			const ok = task.finishAt <= now && TASK_SCOPES[scope].statuses.includes(task.finalStatus) && TASK_SCOPES[scope].types.includes(task.type);
			if (!ok) t.wrong++;
			counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
		}
		t.emitted += step.emitted.length;
		lastEmitted = step.emitted.length;
		memory = step.state;
		if (step.emitted.length > 0) saved = clone(step.state);
		t.maxStateBytes = Math.max(t.maxStateBytes, JSON.stringify(step.state).length);
	};

	for (let p = 0; p < polls; p++) {
		const prev = now;
		now += rnd() < 0.1 ? int(0, 2_000) : int(20_000, 90_000);
		const burst = rnd() < 0.03 ? int(20, 200) : int(0, 4);
		// Many tasks in the same second; IDs follow creation.
		const times = Array.from({ length: burst }, () => (rnd() < 0.5 ? Math.floor(now / 1000) * 1000 - 1000 : int(prev + 1, now))).sort((a, b) => a - b);
		for (const c of times) add(Math.min(c, now));
		if (rnd() < 0.03) {
			t.restarts++;
			memory = saved ? clone(saved) : undefined;
			if (process.env.TRACE) console.log('restart');
		}
		if (rnd() < 0.01 && p < polls * 0.7) {
			t.scopeChanges++;
			scope = int(0, TASK_SCOPES.length - 1);
			if (process.env.TRACE) console.log('scope', scope);
		}
		poll(false);
	}
	for (const task of tasks) if (task.finishAt > now) task.finishAt = now + 1;
	// (until a few polls in a row emit nothing: a capped backlog drains over several polls)
	for (let i = 0, quiet = 0; i < 5_000 && (i < 30 || quiet < 3); i++) {
		now += 60_000;
		poll(true);
		quiet = lastEmitted === 0 ? quiet + 1 : 0;
	}

	for (const [id, c] of counts) {
		if (c > 1) {
			t.duplicated += c - 1;
			if (process.env.TRACE) console.log('dup', id, c);
		}
	}
	for (const task of tasks) {
		if (!TASK_SCOPES[epochScope].statuses.includes(task.finalStatus) || !TASK_SCOPES[epochScope].types.includes(task.type)) continue;
		// A task is an event of the last arming when it finished after it (or always, when it emitted existing ones).
		if (!epochEmitsExisting && task.finishAt <= epochStart) continue;
		t.expected++;
		if (!counts.has(task.id)) {
			t.missed++;
			if (process.env.TRACE) console.log('missed', JSON.stringify(task), 'epochStart', epochStart);
		}
	}
	t.runs++;
}


// ---------------------------------------------------------------------------------------------------------
// File Updated: the event key is `id@updated_at`; the server shows only a file's latest version, so updates
// overwritten before any poll could see them are not events. Every file's last update must arrive once.

interface SimVersioned {
	id: string;
	tag: number;
	/** [updated_at, visibleAt] per version, in order. */
	versions: Array<[number, number]>;
}

export function runUpdateSimulation(seed: number, polls: number, t: Totals): void {
	const rnd = prng(seed);
	const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
	const config: CursorConfig = { ...DEFAULT_CONFIG, maxEmit: int(1, 4) === 1 ? int(3, 40) : 500 };
	let now = 1_760_000_000_000 + int(0, 1_000_000);
	const files: SimVersioned[] = [];
	for (let i = 0; i < 200; i++) {
		const ts = now - int(0, 7_200_000);
		files.push({ id: `u${i}`, tag: int(0, 3), versions: [[ts, ts]] });
	}
	let scope = 0;
	let saved: FileCursorState | undefined;
	let memory: FileCursorState | undefined;
	const counts = new Map<string, number>();
	let epochStart = now;
	let epochScope = 0;
	let lastEmitted = 0;

	const current = (f: SimVersioned, at: number): [number, number] | undefined => {
		let v: [number, number] | undefined;
		for (const version of f.versions) if (version[1] <= at) v = !v || version[0] > v[0] ? version : v;
		return v;
	};

	const poll = (settling: boolean) => {
		t.polls++;
		const scopeKey = `u${scope}`;
		let state = memory;
		if (!isFileState(state, scopeKey)) {
			state = initialFileState(scopeKey, now, false, config);
			epochStart = now;
			epochScope = scope;
		}
		const q = fileQuery(state, config);
		let items = files
			.map((f) => ({ f, v: current(f, now) }))
			.filter(({ v }) => v && v[0] >= q.gte * 1000 && (q.lte === undefined || v[0] <= q.lte * 1000))
			.map(({ f, v }) => ({ id: f.id, key: `${f.id}@${v![0]}`, ts: v![0], placeholder: false, matches: SCOPES[scope].includes(f.tag) }));
		let complete = true;
		const pageLimit = settling || state.tight ? Infinity : rnd() < 0.05 ? int(5, 100) : 5000;
		if (items.length > pageLimit) {
			complete = false;
			t.incompleteListings++;
			items = items.slice(0, pageLimit);
		}
		const step = advanceFiles(state, { items, complete }, now, config);
		if (state.arming && !step.state.arming) epochStart = now;
		for (const e of step.emitted) {
			const f = files.find((x) => x.id === e.id)!;
			if (!f.versions.some(([ts]) => `${f.id}@${ts}` === e.key) || !SCOPES[scope].includes(f.tag)) t.wrong++;
			counts.set(e.key, (counts.get(e.key) ?? 0) + 1);
		}
		t.emitted += step.emitted.length;
		lastEmitted = step.emitted.length;
		memory = step.state;
		if (step.emitted.length > 0) saved = clone(step.state);
		t.maxStateBytes = Math.max(t.maxStateBytes, JSON.stringify(step.state).length);
	};

	for (let p = 0; p < polls; p++) {
		const prev = now;
		now += rnd() < 0.1 ? int(0, 2_000) : int(20_000, 90_000);
		const updates = rnd() < 0.03 ? int(20, 150) : int(0, 5);
		for (let i = 0; i < updates; i++) {
			const f = files[int(0, files.length - 1)];
			const last = f.versions[f.versions.length - 1][0];
			const second = Math.floor(int(prev + 1, now) / 1000) * 1000;
			const ts = Math.max(last + 1, rnd() < 0.5 ? second + int(0, 3) : int(prev + 1, now));
			if (ts > now) continue;
			f.versions.push([ts, Math.min(ts + (rnd() < 0.7 ? 0 : int(0, DEFAULT_CONFIG.overlapMs / 2)), now + DEFAULT_CONFIG.overlapMs / 2)]);
		}
		if (rnd() < 0.03) {
			t.restarts++;
			memory = saved ? clone(saved) : undefined;
		}
		if (rnd() < 0.01 && p < polls * 0.7) {
			t.scopeChanges++;
			scope = int(0, SCOPES.length - 1);
		}
		poll(false);
	}
	for (let i = 0, quiet = 0; i < 5_000 && (i < 30 || quiet < 3 || memory?.span !== undefined); i++) {
		now += 60_000;
		poll(true);
		quiet = lastEmitted === 0 ? quiet + 1 : 0;
	}

	for (const [, n] of counts) if (n > 1) t.duplicated += n - 1;
	for (const f of files) {
		if (!SCOPES[epochScope].includes(f.tag)) continue;
		const [ts] = f.versions[f.versions.length - 1];
		if (ts <= epochStart) continue;
		t.expected++;
		if (!counts.has(`${f.id}@${ts}`)) t.missed++;
	}
	t.runs++;
}
