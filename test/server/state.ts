import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlobStore } from './blobs';
import { nowMicros } from './clock';
import { LockTable } from './locks';
import type { EntityRecord, FileRecord, FileType, GroupRecord, PolicyRecord, ServerSettings, UserRecord, UserStatus } from './types';

export const GROUP_ADMIN = 1;
export const GROUP_USER = 2;
export const GROUP_ANONYMOUS = 3;
export const DEFAULT_POLICY_ID = 1;

const GB = 1024 ** 3;

export interface NewUser {
	email: string;
	password?: string;
	totpSecret?: string;
	group?: 'admin' | 'user';
	status?: UserStatus;
	nickname?: string;
}

/**
 * Everything the server knows. Route modules read and change it directly; helpers here keep the indexes
 * (children by name, entity references) consistent. Other route groups keep their own tables in `ext`.
 */
export class State {
	readonly settings: ServerSettings;
	readonly siteId = 'cloudreve-test-site';
	readonly jwtSecret = randomBytes(32).toString('hex');
	/** Base URL (`http://127.0.0.1:<port>`), set once the server listens; used to build URLs. */
	siteUrl = '';

	readonly groups = new Map<number, GroupRecord>();
	readonly policies = new Map<number, PolicyRecord>();
	readonly users = new Map<number, UserRecord>();
	readonly files = new Map<number, FileRecord>();
	readonly entities = new Map<number, EntityRecord>();
	/** parent id → (name → child id) */
	private readonly childIndex = new Map<number, Map<string, number>>();
	readonly locks = new LockTable();
	readonly blobs: BlobStore;

	/** Captcha ticket → answer (single use, §1.10). */
	readonly captchas = new Map<string, string>();
	/** 2FA login sessions (§1.11), 600 s. */
	readonly twoFactorSessions = new Map<string, { userId: number; expiresAt: number }>();
	/** Secrets handed out by GET /user/setting/2fa, 600 s. */
	readonly pendingTotp = new Map<number, { secret: string; expiresAt: number }>();
	/** Password reset secrets (1 h, single use). */
	readonly resetSecrets = new Map<number, { secret: string; expiresAt: number }>();
	/** Revoked refresh-token chains: root_token_id → until (ms). */
	readonly revokedRoots = new Map<string, number>();

	/** Free space for other route groups' tables (shares, tasks, upload sessions, DAV accounts…). */
	readonly ext: Record<string, unknown> = {};
	readonly closeHooks: Array<() => void | Promise<void>> = [];

	private seq = { user: 0, file: 0, entity: 0 };

	constructor(settings: ServerSettings, dataDir: string) {
		this.settings = settings;
		this.blobs = new BlobStore(dataDir);
		this.groups.set(GROUP_ADMIN, {
			id: GROUP_ADMIN, name: 'Admin', permission: '/RoB', maxStorage: 1024 * GB, directLinkBatchSize: 1000,
			trashRetention: 7 * 86400, policyId: DEFAULT_POLICY_ID,
			options: { source_batch: 1000, aria2_batch: 50, max_walked_files: 100000, archive_download: true, archive_task: true, remote_download: true, advance_delete: true, webdav: true },
		});
		this.groups.set(GROUP_USER, {
			id: GROUP_USER, name: 'User', permission: 'hAg=', maxStorage: GB, directLinkBatchSize: 10,
			trashRetention: 7 * 86400, policyId: DEFAULT_POLICY_ID,
			options: { source_batch: 10, aria2_batch: 1, max_walked_files: 100000 },
		});
		this.groups.set(GROUP_ANONYMOUS, {
			id: GROUP_ANONYMOUS, name: 'Anonymous', permission: 'gg==', maxStorage: 0, directLinkBatchSize: 0,
			trashRetention: 0, policyId: DEFAULT_POLICY_ID, options: {},
		});
		this.policies.set(DEFAULT_POLICY_ID, {
			id: DEFAULT_POLICY_ID, name: 'Default storage policy', type: 'local', maxSize: 0, chunkSize: 25 * 1024 * 1024,
			options: {},
		});
	}

	// ---- users ----

	hashPassword(password: string): string {
		const salt = randomBytes(8).toString('hex');
		return `${salt}:${createHash('sha256').update(salt + password).digest('hex')}`;
	}

	checkPassword(user: UserRecord, password: string): boolean {
		if (!user.passwordHash) return false;
		const [salt, hash] = user.passwordHash.split(':');
		const got = createHash('sha256').update(salt + password).digest();
		return timingSafeEqual(got, Buffer.from(hash, 'hex'));
	}

	/** Part of every refresh token; changes on password/email change or `revokeSessions` (§1.6, §1.7). */
	stateHash(user: UserRecord): string {
		return createHash('sha256')
			.update(`${user.email}${user.passwordHash ?? ''}${this.siteId}${user.sessionEpoch}`)
			.digest('hex');
	}

	userByEmail(email: string): UserRecord | undefined {
		const want = email.toLowerCase();
		for (const u of this.users.values()) if (u.email === want) return u;
		return undefined;
	}

	addUser(u: NewUser): UserRecord {
		const email = u.email.toLowerCase();
		if (this.userByEmail(email)) throw new Error(`user ${email} exists`);
		const id = ++this.seq.user;
		const now = nowMicros();
		const user: UserRecord = {
			id,
			email,
			nickname: u.nickname ?? email.split('@')[0],
			passwordHash: u.password === undefined ? null : this.hashPassword(u.password),
			status: u.status ?? 'active',
			groupId: u.group === 'admin' || (u.group === undefined && id === 1) ? GROUP_ADMIN : GROUP_USER,
			totpSecret: u.totpSecret ?? null,
			createdAt: now,
			avatar: '',
			preferredTheme: '',
			language: '',
			disableViewSync: false,
			shareLinksInProfile: '',
			versionRetentionEnabled: true,
			versionRetentionExt: null,
			versionRetentionMax: 10,
			pined: [],
			passkeys: [],
			sessionEpoch: 0,
			myRootId: 0,
			trashRootId: 0,
			views: {},
		};
		this.users.set(id, user);
		user.myRootId = this.insertFile({ ownerId: id, type: 1, name: '', parentId: null }).id;
		user.trashRootId = this.insertFile({ ownerId: id, type: 1, name: '', parentId: null }).id;
		return user;
	}

	group(user: UserRecord | null): GroupRecord {
		return this.groups.get(user ? user.groupId : GROUP_ANONYMOUS)!;
	}

	isAdmin(user: UserRecord | null): boolean {
		return !!user && user.groupId === GROUP_ADMIN;
	}

	policyOf(user: UserRecord): PolicyRecord {
		return this.policies.get(this.group(user).policyId) ?? this.policies.get(DEFAULT_POLICY_ID)!;
	}

	/** Bytes used by a user's files (sum of entities they reference, every version). */
	usedStorage(userId: number): number {
		let used = 0;
		const seen = new Set<number>();
		for (const f of this.files.values()) {
			if (f.ownerId !== userId) continue;
			for (const eid of f.entityIds) {
				if (seen.has(eid)) continue;
				seen.add(eid);
				used += this.entities.get(eid)?.size ?? 0;
			}
		}
		return used;
	}

	// ---- file tree ----

	insertFile(f: { ownerId: number; type: FileType; name: string; parentId: number | null; metadata?: Record<string, string> }): FileRecord {
		const now = nowMicros();
		const rec: FileRecord = {
			id: ++this.seq.file,
			ownerId: f.ownerId,
			type: f.type,
			name: f.name,
			parentId: f.parentId,
			createdAt: now,
			updatedAt: now,
			size: 0,
			metadata: { ...(f.metadata ?? {}) },
			privateMetadata: new Set(),
			primaryEntityId: null,
			entityIds: [],
		};
		this.files.set(rec.id, rec);
		if (rec.parentId !== null) this.indexChild(rec);
		return rec;
	}

	private indexChild(f: FileRecord): void {
		let m = this.childIndex.get(f.parentId!);
		if (!m) this.childIndex.set(f.parentId!, (m = new Map()));
		m.set(f.name, f.id);
	}

	private unindexChild(f: FileRecord): void {
		const m = this.childIndex.get(f.parentId!);
		if (m && m.get(f.name) === f.id) m.delete(f.name);
	}

	child(parentId: number, name: string): FileRecord | undefined {
		const id = this.childIndex.get(parentId)?.get(name);
		return id === undefined ? undefined : this.files.get(id);
	}

	children(parentId: number): FileRecord[] {
		const m = this.childIndex.get(parentId);
		if (!m) return [];
		return [...m.values()].map((id) => this.files.get(id)!).filter(Boolean);
	}

	/** Every item below a folder (depth first, not including the folder). */
	descendants(folderId: number, limit = Infinity): FileRecord[] {
		const out: FileRecord[] = [];
		const stack = [folderId];
		while (stack.length && out.length < limit) {
			for (const c of this.children(stack.pop()!)) {
				out.push(c);
				if (c.type === 1) stack.push(c.id);
			}
		}
		return out;
	}

	/** Moves and/or renames a file, keeping the name index and locks in step. */
	relink(f: FileRecord, parentId: number, name: string): void {
		const owner = this.users.get(f.ownerId);
		const before = owner && this.rootOf(f) === owner.myRootId ? this.pathOf(f) : undefined;
		if (f.parentId !== null) this.unindexChild(f);
		f.parentId = parentId;
		f.name = name;
		this.indexChild(f);
		if (before !== undefined && owner && this.rootOf(f) === owner.myRootId) this.locks.rebase(owner.id, before, this.pathOf(f));
	}

	/** Removes a file record (and, for folders, everything below); entities no longer referenced lose their blobs. */
	removeFile(f: FileRecord): void {
		const all = f.type === 1 ? [...this.descendants(f.id), f] : [f];
		for (const item of all) {
			if (item.parentId !== null) this.unindexChild(item);
			this.childIndex.delete(item.id);
			this.files.delete(item.id);
			for (const eid of item.entityIds) this.unrefEntity(eid, item.id);
		}
	}

	/** The root folder a file hangs under. */
	rootOf(f: FileRecord): number {
		let cur = f;
		while (cur.parentId !== null) cur = this.files.get(cur.parentId)!;
		return cur.id;
	}

	/** Names from the root down, excluding the root: '/a/b' (root = '/'). */
	pathOf(f: FileRecord): string {
		const names: string[] = [];
		let cur: FileRecord | undefined = f;
		while (cur && cur.parentId !== null) {
			names.unshift(cur.name);
			cur = this.files.get(cur.parentId);
		}
		return '/' + names.join('/');
	}

	isAncestor(ancestorId: number, f: FileRecord): boolean {
		let cur: FileRecord | undefined = f;
		while (cur && cur.parentId !== null) {
			if (cur.parentId === ancestorId) return true;
			cur = this.files.get(cur.parentId);
		}
		return false;
	}

	/** Walks name segments from a root; undefined when a segment is missing or a file sits in the way. */
	resolve(rootId: number, segments: string[]): FileRecord | undefined {
		let cur = this.files.get(rootId);
		for (const seg of segments) {
			if (!cur || cur.type !== 1) return undefined;
			cur = this.child(cur.id, seg);
		}
		return cur;
	}

	/** mkdir -p; returns the deepest folder (throws 'conflict' when a file sits in the way). */
	mkdirp(user: UserRecord, segments: string[]): FileRecord {
		let cur = this.files.get(user.myRootId)!;
		for (const seg of segments) {
			const next = this.child(cur.id, seg);
			if (next && next.type !== 1) throw new PathConflictError(next);
			cur = next ?? this.insertFile({ ownerId: user.id, type: 1, name: seg, parentId: cur.id });
		}
		return cur;
	}

	// ---- entities ----

	/** Creates an entity for a blob already on disk (size known) and makes it the file's current version. */
	addVersion(file: FileRecord, blob: { path: string | null; size: number }, createdBy: number, policyId = DEFAULT_POLICY_ID): EntityRecord {
		const ent = this.newEntity({ type: 0, size: blob.size, blobPath: blob.path, createdBy, policyId });
		ent.fileIds.add(file.id);
		file.entityIds.push(ent.id);
		file.primaryEntityId = ent.id;
		file.size = ent.size;
		file.updatedAt = nowMicros();
		this.applyVersionRetention(file);
		return ent;
	}

	newEntity(e: { type: 0 | 1 | 2; size: number; blobPath: string | null; createdBy: number; policyId?: number; uploadSessionId?: string }): EntityRecord {
		const ent: EntityRecord = {
			id: ++this.seq.entity,
			type: e.type,
			size: e.size,
			blobPath: e.blobPath,
			createdAt: nowMicros(),
			createdBy: e.createdBy,
			policyId: e.policyId ?? DEFAULT_POLICY_ID,
			uploadSessionId: e.uploadSessionId,
			fileIds: new Set(),
		};
		this.entities.set(ent.id, ent);
		return ent;
	}

	unrefEntity(entityId: number, fileId: number): void {
		const ent = this.entities.get(entityId);
		if (!ent) return;
		ent.fileIds.delete(fileId);
		if (ent.fileIds.size === 0) {
			this.entities.delete(entityId);
			this.blobs.remove(ent.blobPath);
		}
	}

	/** Drops old versions beyond the owner's retention (§2.6 Update file content). */
	applyVersionRetention(file: FileRecord): void {
		const owner = this.users.get(file.ownerId);
		const versions = file.entityIds.filter((id) => this.entities.get(id)?.type === 0);
		const ext = file.name.includes('.') ? file.name.split('.').pop()!.toLowerCase() : '';
		const retained =
			!!owner?.versionRetentionEnabled &&
			(!owner.versionRetentionExt?.length || owner.versionRetentionExt.map((e) => e.toLowerCase()).includes(ext));
		const keep = retained ? (owner!.versionRetentionMax > 0 ? owner!.versionRetentionMax : Infinity) : 1;
		const old = versions.filter((id) => id !== file.primaryEntityId);
		const excess = old.length - (keep - 1);
		for (const id of old.slice(0, Math.max(0, excess))) {
			file.entityIds = file.entityIds.filter((e) => e !== id);
			this.unrefEntity(id, file.id);
		}
	}

	/** Current version's bytes (empty when there is no blob). */
	readContent(file: FileRecord): Buffer {
		const ent = file.primaryEntityId === null ? undefined : this.entities.get(file.primaryEntityId);
		return ent?.blobPath ? this.blobs.read(ent.blobPath) : Buffer.alloc(0);
	}
}

export class PathConflictError extends Error {
	constructor(readonly existing: FileRecord) {
		super('path conflict');
	}
}
