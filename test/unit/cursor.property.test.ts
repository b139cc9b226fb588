// Property test of the trigger cursor (issue 5); the simulated server and n8n live in cursor.sim.ts.
import fc from 'fast-check';

import { runFileSimulation, runTaskSimulation, runUpdateSimulation, totals } from './cursor.sim';

const POLLS_PER_RUN = 200;
const RUNS = 60;

describe('trigger cursor, property-based', () => {
	it(`new files: 0 missed, 0 duplicated over ${RUNS * POLLS_PER_RUN}+ simulated polls`, () => {
		const t = totals();
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, emitExisting) => {
				const before = { missed: t.missed, duplicated: t.duplicated, wrong: t.wrong };
				runFileSimulation(seed, POLLS_PER_RUN, emitExisting, t);
				return t.missed === before.missed && t.duplicated === before.duplicated && t.wrong === before.wrong;
			}),
			{ numRuns: RUNS },
		);
		console.log(`files: ${JSON.stringify(t)}`);
		expect(t.polls).toBeGreaterThanOrEqual(10_000);
		expect(t.missed).toBe(0);
		expect(t.duplicated).toBe(0);
		expect(t.wrong).toBe(0);
		expect(t.expected).toBeGreaterThan(1000);
	});

	it(`finished tasks: 0 missed, 0 duplicated over ${RUNS * POLLS_PER_RUN}+ simulated polls`, () => {
		const t = totals();
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.boolean(), (seed, emitExisting) => {
				const before = { missed: t.missed, duplicated: t.duplicated, wrong: t.wrong };
				runTaskSimulation(seed, POLLS_PER_RUN, emitExisting, t);
				return t.missed === before.missed && t.duplicated === before.duplicated && t.wrong === before.wrong;
			}),
			{ numRuns: RUNS },
		);
		console.log(`tasks: ${JSON.stringify(t)}`);
		expect(t.polls).toBeGreaterThanOrEqual(10_000);
		expect(t.missed).toBe(0);
		expect(t.duplicated).toBe(0);
		expect(t.wrong).toBe(0);
		expect(t.expected).toBeGreaterThan(500);
	});

	it(`file updates: every last update once, nothing twice, over ${RUNS * POLLS_PER_RUN}+ simulated polls`, () => {
		const t = totals();
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
				const before = { missed: t.missed, duplicated: t.duplicated, wrong: t.wrong };
				runUpdateSimulation(seed, POLLS_PER_RUN, t);
				return t.missed === before.missed && t.duplicated === before.duplicated && t.wrong === before.wrong;
			}),
			{ numRuns: RUNS },
		);
		console.log(`updates: ${JSON.stringify(t)}`);
		expect(t.polls).toBeGreaterThanOrEqual(10_000);
		expect(t.missed).toBe(0);
		expect(t.duplicated).toBe(0);
		expect(t.wrong).toBe(0);
		expect(t.expected).toBeGreaterThan(1000);
	});
});
