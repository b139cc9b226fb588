import { randomUUID } from 'node:crypto';
import { AppError, Code } from './errors';
import type { FileType, LockApplication, LockRecord } from './types';

/** A target an operation wants to touch: a path in the owner's `my` tree. */
export interface LockTarget {
	ownerId: number;
	path: string;
	fileType: FileType;
	/** 'infinity' when the operation affects everything below a folder (delete, move). */
	depth: 0 | 'infinity';
}

const isUnder = (child: string, parent: string): boolean =>
	parent === '/' ? child !== '/' : child.startsWith(parent + '/');

function overlaps(lock: LockRecord, t: LockTarget): boolean {
	if (lock.ownerId !== t.ownerId) return false;
	if (lock.path === t.path) return true;
	if (lock.depth === 'infinity' && isUnder(t.path, lock.path)) return true;
	if (t.depth === 'infinity' && isUnder(lock.path, t.path)) return true;
	return false;
}

/**
 * The in-memory lock table of §4. Mutating routes call `check` (or `acquire` for long-lived locks such as
 * upload sessions, WebDAV LOCK and WOPI); a conflict throws 40073 with the §4 payload.
 */
export class LockTable {
	readonly locks = new Map<string, LockRecord>();

	private live(now = Date.now()): LockRecord[] {
		const out: LockRecord[] = [];
		for (const [token, lock] of this.locks) {
			if (lock.expiresAt <= now) this.locks.delete(token);
			else out.push(lock);
		}
		return out;
	}

	conflicts(targets: LockTarget[], heldTokens: string[] = []): LockRecord[] {
		const held = new Set(heldTokens);
		return this.live().filter((l) => !held.has(l.token) && targets.some((t) => overlaps(l, t)));
	}

	/** Throws 40073 when any target overlaps a lock whose token the caller does not hold. */
	check(callerId: number, targets: LockTarget[], heldTokens: string[] = []): void {
		const found = this.conflicts(targets, heldTokens);
		if (found.length) throw lockConflictError(callerId, found);
	}

	acquire(
		target: LockTarget,
		application: LockApplication,
		opts: { ttlMs?: number; token?: string; callerId?: number; heldTokens?: string[] } = {},
	): LockRecord {
		this.check(opts.callerId ?? target.ownerId, [target], opts.heldTokens);
		const lock: LockRecord = {
			token: opts.token ?? randomUUID(),
			ownerId: target.ownerId,
			path: target.path,
			fileType: target.fileType,
			depth: target.depth,
			application,
			expiresAt: opts.ttlMs === undefined ? Infinity : Date.now() + opts.ttlMs,
		};
		this.locks.set(lock.token, lock);
		return lock;
	}

	refresh(token: string, ttlMs: number): LockRecord | undefined {
		const lock = this.live().find((l) => l.token === token);
		if (lock) lock.expiresAt = Date.now() + ttlMs;
		return lock;
	}

	release(token: string): boolean {
		const existed = this.live().some((l) => l.token === token);
		this.locks.delete(token);
		return existed;
	}

	/** Moves/renames keep locks attached to the items: rewrite path prefixes. */
	rebase(ownerId: number, from: string, to: string): void {
		for (const lock of this.live()) {
			if (lock.ownerId !== ownerId) continue;
			if (lock.path === from) lock.path = to;
			else if (isUnder(lock.path, from)) lock.path = to + lock.path.slice(from.length);
		}
	}
}

const encodePath = (path: string): string =>
	path === '/' ? '' : path.split('/').slice(1).map(encodeURIComponent).join('/');

/** 40073 with the conflict list; path and token only for the owner of the locked tree (§4). */
export function lockConflictError(callerId: number, locks: LockRecord[]): AppError {
	const data = locks.map((l) => {
		const own = l.ownerId === callerId;
		const entry: Record<string, unknown> = {
			path: own ? `cloudreve://my/${encodePath(l.path)}`.replace(/\/$/, '') : '',
		};
		if (own) entry.token = l.token;
		entry.owner = { application: { ...l.application } };
		entry.type = l.fileType;
		return entry;
	});
	return new AppError(Code.LockConflict, 'Lock conflict', { data });
}
