// The trigger cursor's rules one by one (the property test covers their combination).
import {
	advanceFiles,
	advanceTasks,
	DEFAULT_CONFIG,
	ERROR_REPEAT_MS,
	fileQuery,
	initialFileState,
	initialTaskState,
	isFileState,
	scopeHash,
	shouldSurfaceError,
	taskStopBefore,
	type FileObservation,
} from '../../nodes/CloudreveTrigger/cursor';

const T = 1_760_000_000_000;
const file = (id: string, ts: number, extra: Partial<FileObservation> = {}): FileObservation => ({ id, key: id, ts, placeholder: false, matches: true, ...extra });

describe('trigger cursor', () => {
	it('hashes the scope stably and differently for different scopes', () => {
		expect(scopeHash(['cred', 'https://a', { folder: '/x' }])).toBe(scopeHash(['cred', 'https://a', { folder: '/x' }]));
		expect(scopeHash(['cred', 'https://a', { folder: '/x' }])).not.toBe(scopeHash(['cred', 'https://a', { folder: '/y' }]));
	});

	it('queries from the watermark minus the overlap, in Unix seconds', () => {
		const state = { ...initialFileState('s', T, false), wm: T + 1500, arming: undefined };
		expect(fileQuery(state)).toEqual({ gte: Math.floor((T + 1500 - DEFAULT_CONFIG.overlapMs) / 1000) });
		expect(fileQuery({ ...state, span: 5 })).toEqual({ gte: Math.floor((T + 1500 - DEFAULT_CONFIG.overlapMs) / 1000), lte: Math.floor((T + 1500) / 1000) + 5 });
	});

	it('arms on the first complete listing, then emits new items oldest first, each once', () => {
		const armed = advanceFiles(initialFileState('s', T, false), { items: [file('old', T - 10)], complete: true }, T);
		expect(armed.emitted).toEqual([]);
		expect(armed.state.arming).toBeUndefined();
		expect(isFileState(armed.state, 's')).toBe(true);
		const next = advanceFiles(armed.state, { items: [file('old', T - 10), file('b', T + 5), file('a', T + 5), file('c', T + 1)], complete: true }, T + 60_000);
		expect(next.emitted.map((e) => e.id)).toEqual(['c', 'a', 'b']);
		const again = advanceFiles(next.state, { items: [file('old', T - 10), file('b', T + 5), file('a', T + 5), file('c', T + 1)], complete: true }, T + 120_000);
		expect(again.emitted).toEqual([]);
	});

	it('emits nothing from an incomplete listing and narrows the next one', () => {
		const state = { ...initialFileState('s', T, false), wm: T, arming: undefined };
		const step = advanceFiles(state, { items: [file('a', T + 10_000)], complete: false }, T + 60_000);
		expect(step.emitted).toEqual([]);
		expect(step.state.span).toBeGreaterThanOrEqual(1);
		expect(step.state.wm).toBe(T);
	});

	it('tracks an upload in progress and emits it once it completes, whatever its age', () => {
		const state = { ...initialFileState('s', T, false), wm: T, arming: undefined };
		const seen = advanceFiles(state, { items: [file('up', T + 1, { placeholder: true }), file('x', T + 2)], complete: true }, T + 60_000);
		expect(seen.emitted.map((e) => e.id)).toEqual(['x']);
		expect(seen.state.pending.map(([id]) => id)).toEqual(['up']);
		const later = { ...seen.state, wm: T + 3_600_000 };
		const done = advanceFiles(later, { items: [], complete: true, pendingChecks: { up: file('up', T + 1) } }, T + 3_700_000);
		expect(done.emitted.map((e) => e.id)).toEqual(['up']);
		expect(done.state.pending).toEqual([]);
		const gone = advanceFiles(seen.state, { items: [], complete: true, pendingChecks: { up: null } }, T + 120_000);
		expect(gone.emitted).toEqual([]);
		expect(gone.state.pending).toEqual([]);
	});

	it('caps a poll and advances only to the last emitted item', () => {
		const state = { ...initialFileState('s', T, false), wm: T, arming: undefined };
		const items = Array.from({ length: 10 }, (_, i) => file(`f${i}`, T + 1000 + i));
		const step = advanceFiles(state, { items, complete: true }, T + 60_000, { ...DEFAULT_CONFIG, maxEmit: 4 });
		expect(step.emitted.map((e) => e.id)).toEqual(['f0', 'f1', 'f2', 'f3']);
		expect(step.state.wm).toBe(T + 1003);
		const rest = advanceFiles(step.state, { items, complete: true }, T + 120_000, { ...DEFAULT_CONFIG, maxEmit: 100 });
		expect(rest.emitted.map((e) => e.id)).toEqual(['f4', 'f5', 'f6', 'f7', 'f8', 'f9']);
	});

	it('tasks: emits finished tasks once, including old ones it saw running', () => {
		const task = (id: string, created: number, final: boolean, updated = created) => ({ id, created, updated, final, matches: final });
		const armed = advanceTasks(initialTaskState('t', false), { items: [task('old-run', T - 7_200_000, false), task('done', T - 100, true)], complete: true });
		expect(armed.emitted).toEqual([]);
		expect(taskStopBefore(armed.state)).toBe(T - 7_200_000);
		const step = advanceTasks(armed.state, { items: [task('new', T + 10, true, T + 20), task('old-run', T - 7_200_000, true, T + 30), task('done', T - 100, true)], complete: true });
		expect(step.emitted.map((e) => e.id)).toEqual(['new', 'old-run']);
		expect(advanceTasks(step.state, { items: [task('new', T + 10, true), task('old-run', T - 7_200_000, true)], complete: true }).emitted).toEqual([]);
	});

	it('surfaces the first error, a different one, and the same one again after an hour', () => {
		let state = {};
		const first = shouldSurfaceError(state, 'a', T);
		expect(first.surface).toBe(true);
		state = first.state;
		expect(shouldSurfaceError(state, 'a', T + 60_000).surface).toBe(false);
		expect(shouldSurfaceError(state, 'b', T + 60_000).surface).toBe(true);
		expect(shouldSurfaceError(state, 'a', T + ERROR_REPEAT_MS).surface).toBe(true);
	});
});
