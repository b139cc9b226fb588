import type { IncomingMessage } from 'node:http';

// Fault switches (design §3): each applies to requests whose "METHOD /api/v4/path" matches `match`;
// `times` counts down (Infinity allowed).

export type CustomFaultResult = 'reset' | { status: number; body?: string | Buffer | object; headers?: Record<string, string> } | undefined;
export type CustomFault = (req: IncomingMessage & { pathname: string }) => CustomFaultResult;

interface Counted {
	times: number;
	match?: RegExp;
}

export type FaultAction =
	| { kind: 'reset' }
	| { kind: 'status'; status: number; body: string | Buffer; headers: Record<string, string> };

export class FaultSwitches {
	private latencies: Array<{ ms: number; match?: RegExp }> = [];
	private resets: Counted[] = [];
	private rateLimits: Array<Counted & { retryAfterSeconds: number }> = [];
	private failures: Array<Counted & { status: number }> = [];
	private customs: CustomFault[] = [];

	latency(ms: number, match?: RegExp): void {
		this.latencies.push({ ms, match });
	}

	fail5xx(opts: { times: number; status?: 500 | 502 | 503; match?: RegExp }): void {
		this.failures.push({ times: opts.times, status: opts.status ?? 500, match: opts.match });
	}

	reset(opts: { times: number; match?: RegExp }): void {
		this.resets.push({ times: opts.times, match: opts.match });
	}

	rateLimit(opts: { times: number; retryAfterSeconds?: number; match?: RegExp }): void {
		this.rateLimits.push({ times: opts.times, retryAfterSeconds: opts.retryAfterSeconds ?? 1, match: opts.match });
	}

	custom(fn: CustomFault): void {
		this.customs.push(fn);
	}

	clear(): void {
		this.latencies = [];
		this.resets = [];
		this.rateLimits = [];
		this.failures = [];
		this.customs = [];
	}

	/** Total latency to add before answering. */
	delayFor(line: string): number {
		return this.latencies.filter((l) => !l.match || l.match.test(line)).reduce((a, l) => a + l.ms, 0);
	}

	/** The fault (if any) to apply instead of the normal answer; consumes one use. */
	take(line: string, req: IncomingMessage & { pathname: string }): FaultAction | undefined {
		const hit = <T extends Counted>(list: T[]): T | undefined => {
			const f = list.find((x) => x.times > 0 && (!x.match || x.match.test(line)));
			if (f) f.times--;
			return f;
		};
		if (hit(this.resets)) return { kind: 'reset' };
		const rl = hit(this.rateLimits);
		if (rl) {
			return {
				kind: 'status',
				status: 429,
				body: 'Too Many Requests',
				headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(rl.retryAfterSeconds) },
			};
		}
		const f = hit(this.failures);
		if (f) {
			const text = { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' }[f.status] ?? 'Error';
			return { kind: 'status', status: f.status, body: `<html><body><h1>${f.status} ${text}</h1></body></html>`, headers: { 'Content-Type': 'text/html; charset=utf-8' } };
		}
		for (const fn of this.customs) {
			const r = fn(req);
			if (r === 'reset') return { kind: 'reset' };
			if (r) {
				const isObj = typeof r.body === 'object' && !Buffer.isBuffer(r.body);
				return {
					kind: 'status',
					status: r.status,
					body: isObj ? JSON.stringify(r.body) : ((r.body as string | Buffer | undefined) ?? ''),
					headers: r.headers ?? { 'Content-Type': isObj ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8' },
				};
			}
		}
		return undefined;
	}
}
