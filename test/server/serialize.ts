import { rfc3339 } from './clock';
import { encodeId, IdType } from './hashid';
import type { State } from './state';
import { GROUP_ANONYMOUS } from './state';
import type { EntityRecord, FileRecord, GroupRecord, PolicyRecord, UserRecord } from './types';
import { formatUri, type FsName, pathSegments } from './uri';

// JSON shapes of §2.11 / §2.6. Go's `omitempty` fields are left out when empty.

export const CAPABILITY = { my: 'w8edAQ==', share: 'gIaYAQ==', trash: 'AMIK', shared_with_me: 'gAKA' } as const;

const omitEmpty = <T extends Record<string, unknown>>(o: T): T => {
	for (const k of Object.keys(o)) {
		const v = o[k];
		if (v === undefined || v === '' || v === false || v === null || (Array.isArray(v) && v.length === 0)) delete o[k];
	}
	return o;
};

export function groupJson(g: GroupRecord, full = true): Record<string, unknown> {
	const out: Record<string, unknown> = { id: encodeId(g.id, IdType.Group), name: g.name };
	if (full) {
		out.permission = g.permission;
		if (g.directLinkBatchSize) out.direct_link_batch_size = g.directLinkBatchSize;
		if (g.trashRetention) out.trash_retention = g.trashRetention;
	}
	return out;
}

/** Full `User` of the caller (GET /user/me, LoginResponse.user, sign-up). */
export function userJson(state: State, u: UserRecord): Record<string, unknown> {
	return omitEmpty({
		id: encodeId(u.id, IdType.User),
		email: u.email,
		nickname: u.nickname,
		status: u.status,
		avatar: u.avatar,
		created_at: rfc3339(u.createdAt),
		preferred_theme: u.preferredTheme,
		anonymous: false,
		group: groupJson(state.groups.get(u.groupId)!),
		pined: u.pined.map((p) => ({ ...p })),
		language: u.language,
		disable_view_sync: u.disableViewSync,
		share_links_in_profile: u.shareLinksInProfile,
	});
}

/** Redacted user (other users): email only for logged-in viewers while expose_user_email is on (§1.15). */
export function redactedUserJson(state: State, u: UserRecord, viewer: UserRecord | null): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: encodeId(u.id, IdType.User),
		nickname: u.nickname,
		avatar: u.avatar,
		created_at: rfc3339(u.createdAt),
		group: groupJson(state.groups.get(u.groupId)!, false),
	};
	if (viewer && state.settings.exposeUserEmail) out.email = u.email;
	if (u.shareLinksInProfile) out.share_links_in_profile = u.shareLinksInProfile;
	if (!out.avatar) delete out.avatar;
	return out;
}

export function anonymousUserJson(state: State): Record<string, unknown> {
	return {
		id: '',
		nickname: '',
		created_at: '0001-01-01T00:00:00Z',
		anonymous: true,
		group: groupJson(state.groups.get(GROUP_ANONYMOUS)!),
	};
}

export function policyJson(p: PolicyRecord): Record<string, unknown> {
	const out: Record<string, unknown> = { id: encodeId(p.id, IdType.Policy), name: p.name, type: p.type, max_size: p.maxSize };
	if (p.allowedSuffix?.length) out.allowed_suffix = p.allowedSuffix;
	if (p.deniedSuffix?.length) out.denied_suffix = p.deniedSuffix;
	if (p.allowedNameRegexp) out.allowed_name_regexp = p.allowedNameRegexp;
	if (p.deniedNameRegexp) out.denied_name_regexp = p.deniedNameRegexp;
	if (p.relay) out.relay = true;
	if (p.chunkConcurrency) out.chunk_concurrency = p.chunkConcurrency;
	if (p.encryption) out.encryption = true;
	return out;
}

export function entityJson(state: State, e: EntityRecord, viewer: UserRecord | null): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: encodeId(e.id, IdType.Entity),
		size: e.size,
		type: e.type,
		created_at: rfc3339(e.createdAt),
	};
	const policy = state.policies.get(e.policyId);
	if (policy) out.storage_policy = policyJson(policy);
	const by = state.users.get(e.createdBy);
	if (by) out.created_by = redactedUserJson(state, by, viewer);
	if (e.encryptedWith) out.encrypted_with = e.encryptedWith;
	return out;
}

/** Which filesystem a file lives in, and its URI. */
export function locate(state: State, f: FileRecord): { fs: FsName; uri: string; segments: string[] } {
	const owner = state.users.get(f.ownerId)!;
	const root = state.rootOf(f);
	if (root === owner.trashRootId) {
		const segments = pathSegments(state.pathOf(f));
		return { fs: 'trash', uri: formatUri('trash', segments), segments };
	}
	const segments = pathSegments(state.pathOf(f));
	return { fs: 'my', uri: formatUri('my', segments), segments };
}

/** Display name: trash items show their original name from `sys:restore_uri` (§1.13). */
export function displayName(state: State, f: FileRecord): string {
	const restore = f.metadata['sys:restore_uri'];
	if (restore && f.parentId !== null) {
		const owner = state.users.get(f.ownerId);
		if (owner && f.parentId === owner.trashRootId) {
			const noQuery = restore.split('?')[0];
			const last = noQuery.slice(noQuery.lastIndexOf('/') + 1);
			try {
				return decodeURIComponent(last);
			} catch {
				return last;
			}
		}
	}
	return f.name;
}

export function publicMetadata(f: FileRecord): Record<string, string> | null {
	const out: Record<string, string> = {};
	// `sys:upload_session_id` is public: Cloudreve writes it with UpsertMetadata(…, privateMask nil) → is_public
	// (src pkg/filemanager/fs/dbfs/upload.go, inventory/file.go), and clients read it from listings to mark
	// uploads in progress (docs.cloudreve.org metadata page: "可用于标识仍在上传中的文件").
	for (const [k, v] of Object.entries(f.metadata)) if (!f.privateMetadata.has(k)) out[k] = v;
	return Object.keys(out).length ? out : null;
}

export interface FileJsonOptions {
	/** Overrides for files seen through another navigator (shares). */
	path?: string;
	capability?: string;
	name?: string;
	owned?: boolean;
}

/** Hooks other route groups use to add fields (e.g. `shared`), run on every FileResponse. */
export const fileJsonHooks: Array<(state: State, f: FileRecord, viewer: UserRecord | null, out: Record<string, unknown>) => void> = [];

export function fileJson(state: State, f: FileRecord, viewer: UserRecord | null, opts: FileJsonOptions = {}): Record<string, unknown> {
	const where = locate(state, f);
	const out: Record<string, unknown> = {
		type: f.type,
		id: encodeId(f.id, IdType.File),
		name: opts.name ?? displayName(state, f),
		created_at: rfc3339(f.createdAt),
		updated_at: rfc3339(f.updatedAt),
		size: f.type === 1 ? 0 : f.size,
		metadata: publicMetadata(f),
		path: opts.path ?? where.uri,
		capability: opts.capability ?? CAPABILITY[where.fs],
		owned: opts.owned ?? (!!viewer && viewer.id === f.ownerId),
		primary_entity: encodeId(f.primaryEntityId ?? 0, IdType.Entity),
	};
	for (const hook of fileJsonHooks) hook(state, f, viewer, out);
	if (!out.owned) delete out.owned;
	return out;
}

/** Zero-valued FileResponse (listing parent of the trash root, §2.6). */
export function zeroFileJson(): Record<string, unknown> {
	return { type: 0, id: '', name: '', created_at: '0001-01-01T00:00:00Z', updated_at: '0001-01-01T00:00:00Z', size: 0, metadata: null, path: '' };
}
