// Records of the test server's in-memory state. Numeric ids are internal; the API exposes hash ids (§1.14).

export type UserStatus = 'active' | 'inactive' | 'manual_banned' | 'sys_banned';

export interface ServerSettings {
	accessTtlSeconds: number;
	refreshTtlSeconds: number;
	loginCaptcha: boolean;
	regCaptcha: boolean;
	forgetCaptcha: boolean;
	captchaType: 'normal' | 'recaptcha' | 'turnstile' | 'cap' | 'tcaptcha';
	/** Token accepted for recaptcha/turnstile/cap captchas (there is no third party to ask). */
	captchaPassToken: string;
	registerEnabled: boolean;
	/** DB `email_active`: sign-ups start inactive and get 203 (§2.3). */
	emailActivation: boolean;
	authnEnabled: boolean;
	pro: boolean;
	version: string;
	maxPageSize: number;
	/** DB `use_cursor_pagination` (default on); off → offset pagination for plain folder listings. */
	useCursorPagination: boolean;
	maxBatchedFile: number;
	maxRecursiveSearchedFolder: number;
	exposeUserEmail: boolean;
	/** File viewer edit limit (`maxEditSize`, 50 MiB). */
	maxEditSize: number;
	avatarSize: number;
	siteTitle: string;
}

export interface GroupRecord {
	id: number;
	name: string;
	/** Permission bitset as Cloudreve serialises it (§1.14). */
	permission: string;
	maxStorage: number;
	directLinkBatchSize: number;
	trashRetention: number;
	policyId: number;
	/** Free-form extra options other route groups may need (remote download batch, max walked files…). */
	options: Record<string, unknown>;
}

export interface PolicyRecord {
	id: number;
	name: string;
	type: 'local' | 'remote' | 'oss' | 'qiniu' | 'onedrive' | 'cos' | 'upyun' | 's3' | 'obs' | 'ks3';
	maxSize: number;
	allowedSuffix?: string[];
	deniedSuffix?: string[];
	allowedNameRegexp?: string;
	deniedNameRegexp?: string;
	relay?: boolean;
	chunkSize: number;
	chunkConcurrency?: number;
	encryption?: boolean;
	options: Record<string, unknown>;
}

export interface PasskeyRecord {
	id: string;
	name: string;
	createdAt: number;
	usedAt?: number;
}

export interface UserRecord {
	id: number;
	email: string;
	nickname: string;
	/** `salt:sha256` or null for passkey-only accounts. */
	passwordHash: string | null;
	status: UserStatus;
	groupId: number;
	totpSecret: string | null;
	createdAt: number;
	avatar: '' | 'file' | 'gravatar';
	avatarBlob?: Buffer;
	preferredTheme: string;
	language: string;
	disableViewSync: boolean;
	shareLinksInProfile: string;
	versionRetentionEnabled: boolean;
	versionRetentionExt: string[] | null;
	versionRetentionMax: number;
	pined: Array<{ uri: string; name?: string }>;
	passkeys: PasskeyRecord[];
	/** Bumped by `revokeSessions`: part of the refresh tokens' state hash. */
	sessionEpoch: number;
	myRootId: number;
	trashRootId: number;
	/** Saved explorer views for the roots of trash / shared_with_me (§2.6 PATCH /file/view). */
	views: Record<string, unknown>;
}

export type FileType = 0 | 1;

export interface FileRecord {
	id: number;
	ownerId: number;
	type: FileType;
	name: string;
	/** null for the root folders (`my` root, trash root). */
	parentId: number | null;
	createdAt: number;
	updatedAt: number;
	/** Bytes of the current version (0 for folders). */
	size: number;
	/** All metadata including `sys:*`; keys in `privateMetadata` are never shown in FileResponse. */
	metadata: Record<string, string>;
	privateMetadata: Set<string>;
	/** Entity (blob) of the current version. */
	primaryEntityId: number | null;
	/** Every entity attached to this file (versions, thumbnails, live photos). */
	entityIds: number[];
	/** Saved explorer view of this folder. */
	view?: unknown;
}

export interface EntityRecord {
	id: number;
	/** 0 version, 1 thumbnail, 2 live photo. */
	type: 0 | 1 | 2;
	size: number;
	/** Absolute path of the blob on disk; null while an upload has not produced it yet. */
	blobPath: string | null;
	createdAt: number;
	createdBy: number;
	policyId: number;
	/** Set while an upload session is writing this entity. */
	uploadSessionId?: string;
	encryptedWith?: string;
	/** Files referencing the entity (copies share blobs). */
	fileIds: Set<number>;
}

export interface LockApplication {
	type: string;
	inner_xml?: string;
	viewer_id?: string;
}

export interface LockRecord {
	token: string;
	ownerId: number;
	/** Path inside the owner's `my` filesystem, '/a/b'. */
	path: string;
	fileType: FileType;
	depth: 0 | 'infinity';
	application: LockApplication;
	/** ms since epoch; Infinity for locks held until released. */
	expiresAt: number;
}
