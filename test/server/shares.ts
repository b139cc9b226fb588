import { randomBytes } from 'node:crypto';
import { nowMicros, rfc3339, rfc3339Ms } from './clock';
import { encodeId, IdType } from './hashid';
import { redactedUserJson, displayName } from './serialize';
import type { State } from './state';
import type { FileRecord, UserRecord } from './types';
import { formatUri, pathSegments } from './uri';

// Share links (§2.7): the table lives in `state.ext.shares` (routes/share.ts, routes/user-extra.ts).

export interface ShareRecord {
	id: number;
	ownerId: number;
	fileId: number;
	/** '' = public */
	password: string;
	/** -1 = unlimited */
	remainDownloads: number;
	downloaded: number;
	visited: number;
	/** ms since epoch; null = never */
	expiresAt: number | null;
	shareView: boolean;
	showReadme: boolean;
	createdAt: number;
}

interface ShareTable {
	seq: number;
	byId: Map<number, ShareRecord>;
}

export function shareTable(state: State): ShareTable {
	let t = state.ext.shares as ShareTable | undefined;
	if (!t) state.ext.shares = t = { seq: 0, byId: new Map() };
	return t;
}

export function insertShare(state: State, s: Omit<ShareRecord, 'id' | 'downloaded' | 'visited' | 'createdAt'>): ShareRecord {
	const t = shareTable(state);
	const rec: ShareRecord = { ...s, id: ++t.seq, downloaded: 0, visited: 0, createdAt: nowMicros() };
	t.byId.set(rec.id, rec);
	return rec;
}

export const shareHash = (s: ShareRecord): string => encodeId(s.id, IdType.Share);

/** Random 8-char lowercase password, as Cloudreve generates (§2.7). */
export function randomSharePassword(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz';
	return [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join('');
}

/** Group permission bit from the group's base64 bitset (§1.14): 2 share, 3 webdav, 6 webdav_proxy, 7 share_download. */
export function groupAllows(state: State, user: UserRecord | null, bit: number): boolean {
	const bytes = Buffer.from(state.group(user).permission, 'base64');
	return ((bytes[Math.floor(bit / 8)] ?? 0) & (1 << bit % 8)) !== 0;
}

export const PERM = { share: 2, webdav: 3, webdavProxy: 6, shareDownload: 7 } as const;

/** The shared item, undefined when it was deleted or sits in the trash. */
export function sharedFile(state: State, s: ShareRecord): FileRecord | undefined {
	const f = state.files.get(s.fileId);
	if (!f) return undefined;
	const owner = state.users.get(s.ownerId);
	if (!owner || state.rootOf(f) !== owner.myRootId) return undefined;
	return f;
}

/** Expired by time or downloads, owner inactive, or source gone (§2.7 Get share link info). */
export function isExpired(state: State, s: ShareRecord): boolean {
	if (s.expiresAt !== null && s.expiresAt <= Date.now()) return true;
	if (s.remainDownloads === 0) return true;
	const owner = state.users.get(s.ownerId);
	if (!owner || owner.status !== 'active') return true;
	return !sharedFile(state, s);
}

export function shareUrl(state: State, s: ShareRecord, withPassword: boolean): string {
	return `${state.siteUrl}/s/${shareHash(s)}${withPassword && s.password ? '/' + s.password : ''}`;
}

/** The `Share` object (§2.7): unlocked fields only when unlocked, owner fields only for the owner. */
export function shareJson(
	state: State,
	s: ShareRecord,
	viewer: UserRecord | null,
	opts: { unlocked: boolean; ownerExtended?: boolean },
): Record<string, unknown> {
	const file = state.files.get(s.fileId);
	const owner = state.users.get(s.ownerId)!;
	const out: Record<string, unknown> = {
		id: shareHash(s),
		name: file ? displayName(state, file) : '',
		visited: s.visited,
		unlocked: opts.unlocked,
	};
	if (s.password) out.password_protected = true;
	out.source_type = file?.type ?? 0;
	out.owner = redactedUserJson(state, owner, viewer);
	out.created_at = rfc3339(s.createdAt);
	out.expired = isExpired(state, s);
	out.url = shareUrl(state, s, opts.unlocked);
	out.size = opts.unlocked && file && file.type === 0 ? file.size : 0;
	if (opts.unlocked) {
		if (s.remainDownloads >= 0) out.remain_downloads = s.remainDownloads;
		out.downloaded = s.downloaded;
		if (s.expiresAt !== null) out.expires = rfc3339Ms(s.expiresAt);
		if (s.password) out.password = s.password;
		if (s.showReadme) out.show_readme = true;
	}
	if (viewer && viewer.id === s.ownerId) {
		if (s.password) out.is_private = true;
		if (s.shareView) out.share_view = true;
		if (opts.ownerExtended && file) out.source_uri = formatUri('my', pathSegments(state.pathOf(file)));
	}
	return out;
}

/** Counts one download through a share (§2.7): `remain_downloads` goes down, at 0 the share expires. */
export function countShareDownload(state: State, s: ShareRecord): void {
	s.downloaded++;
	if (s.remainDownloads > 0) s.remainDownloads--;
}
