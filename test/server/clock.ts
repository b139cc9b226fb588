// Time handling: the state stores microseconds since the epoch and hands out strictly increasing values, so
// many files created in the same millisecond still get distinct, ordered timestamps; the API shows RFC 3339
// with sub-second precision like Cloudreve's Go time formatting (§1.15).

let lastMicros = 0;

/** Strictly increasing "now" in microseconds. */
export function nowMicros(): number {
	const now = Date.now() * 1000;
	lastMicros = now > lastMicros ? now : lastMicros + 1;
	return lastMicros;
}

/** RFC 3339 with microseconds, UTC ("2026-01-02T03:04:05.123456Z"). */
export function rfc3339(micros: number): string {
	const ms = Math.floor(micros / 1000);
	const iso = new Date(ms).toISOString(); // ...SS.mmmZ
	const extra = String(Math.floor(micros % 1000)).padStart(3, '0');
	return `${iso.slice(0, -1)}${extra}Z`;
}

/** RFC 3339 of a millisecond timestamp. */
export function rfc3339Ms(ms: number): string {
	return rfc3339(ms * 1000);
}

/** Go's zero time as Cloudreve serialises it for zero-valued objects. */
export const ZERO_TIME = '0001-01-01T00:00:00Z';
