// The Task resource's pure parts: readable status/type names, list categories, and the wait loop's decisions.
import fc from 'fast-check';

import { MAX_MISSING_POLLS, nextWaitStep, type WaitInput } from '../../nodes/Cloudreve/actions/task/wait';
import { categoriesOf, isFinalStatus, statusName, taskOutput, typeName, type TaskResponse } from '../../nodes/shared/api/tasks';

const base: WaitInput = { tasks: [], elapsedMs: 0, timeoutMs: 10_000, intervalMs: 2000, missing: {} };

describe('task names', () => {
	it('maps every status and the user-visible types to readable names', () => {
		expect(['queued', 'processing', 'suspending', 'error', 'canceled', 'completed'].map(statusName)).toEqual([
			'Queued', 'Processing', 'Suspending', 'Error', 'Canceled', 'Completed',
		]);
		expect(['create_archive', 'extract_archive', 'remote_download', 'import', 'relocate', 'full_text_rebuild'].map(typeName)).toEqual([
			'Create Archive', 'Extract Archive', 'Remote Download', 'Import External Files', 'Relocate Storage Policy', 'Rebuild Full-Text Index',
		]);
	});

	it('title-cases unknown values from newer servers instead of failing', () => {
		expect(typeName('thumbnail_generate')).toBe('Thumbnail Generate');
		expect(statusName('paused')).toBe('Paused');
		expect(statusName('')).toBe('Unknown');
	});

	it('keeps the raw values next to the names', () => {
		const task = { id: 'a1', status: 'error', type: 'remote_download', created_at: 'c', updated_at: 'u', error: 'boom' } as TaskResponse;
		expect(taskOutput(task)).toEqual({ ...task, statusName: 'Error', typeName: 'Remote Download' });
	});

	it('knows which list category shows a task', () => {
		expect(categoriesOf('create_archive')).toEqual(['general']);
		expect(categoriesOf('remote_download', 'suspending')).toEqual(['downloading']);
		expect(categoriesOf('remote_download', 'canceled')).toEqual(['downloaded']);
		expect(categoriesOf('remote_download')).toEqual(['downloading', 'downloaded']);
		expect(['completed', 'error', 'canceled'].every(isFinalStatus)).toBe(true);
		expect(['queued', 'processing', 'suspending'].some(isFinalStatus)).toBe(false);
	});
});

describe('nextWaitStep', () => {
	it('finishes when every task is final, whatever the clock says', () => {
		expect(nextWaitStep({ ...base, tasks: [{ id: 'a', status: 'completed' }, { id: 'b', status: 'error' }], elapsedMs: 99_999 })).toEqual({ kind: 'finished' });
	});

	it('sleeps one interval while tasks run, but never past the timeout', () => {
		expect(nextWaitStep({ ...base, tasks: [{ id: 'a', status: 'processing' }] })).toEqual({ kind: 'sleep', ms: 2000 });
		expect(nextWaitStep({ ...base, tasks: [{ id: 'a', status: 'queued' }], elapsedMs: 9500 })).toEqual({ kind: 'sleep', ms: 500 });
	});

	it('times out naming only the unfinished tasks', () => {
		const step = nextWaitStep({ ...base, tasks: [{ id: 'a', status: 'completed' }, { id: 'b', status: 'suspending' }], elapsedMs: 10_000 });
		expect(step).toEqual({ kind: 'timeout', pending: ['b'] });
	});

	it('gives up on a task missing from its list for several polls in a row', () => {
		const tasks = [{ id: 'a' }, { id: 'b', status: 'processing' }];
		expect(nextWaitStep({ ...base, tasks, missing: { a: MAX_MISSING_POLLS - 1 } }).kind).toBe('sleep');
		expect(nextWaitStep({ ...base, tasks, missing: { a: MAX_MISSING_POLLS } })).toEqual({ kind: 'lost', ids: ['a'] });
	});

	it('always decides one of the four outcomes consistently (property)', () => {
		const status = fc.constantFrom(undefined, 'queued', 'processing', 'suspending', 'error', 'canceled', 'completed');
		fc.assert(
			fc.property(
				fc.array(fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), status }), { minLength: 1, maxLength: 5 }),
				fc.nat(20_000),
				fc.integer({ min: 1, max: 20_000 }),
				fc.integer({ min: 1, max: 5000 }),
				(tasks, elapsedMs, timeoutMs, intervalMs) => {
					const step = nextWaitStep({ tasks, elapsedMs, timeoutMs, intervalMs, missing: {} });
					const allFinal = tasks.every((t) => t.status !== undefined && isFinalStatus(t.status));
					if (allFinal) return step.kind === 'finished';
					if (elapsedMs >= timeoutMs) return step.kind === 'timeout' && step.pending.length > 0;
					return step.kind === 'sleep' && step.ms >= 1 && step.ms <= intervalMs && step.ms <= timeoutMs - elapsedMs;
				},
			),
		);
	});
});
