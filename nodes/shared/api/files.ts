// Typed calls for the file endpoints (cloudreve-api.md §2.6). They know Cloudreve, not n8n parameters.
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';
import { paginate, type PageLimit } from '../transport/paginate';
import type {
	ArchivedFile,
	DirectLinkResult,
	DownloadUrlResponse,
	ExplorerView,
	FileResponse,
	FullTextSearchResponse,
	ListResponse,
	MetadataPatch,
	PermissionSetting,
	ThumbnailResponse,
	ViewerSessionResponse,
} from './types';
import type { CloudreveEnvelope } from '../errors';

export interface ListOptions {
	orderBy?: 'name' | 'size' | 'updated_at' | 'created_at';
	orderDirection?: 'asc' | 'desc';
	itemIndex?: number;
}

/** All or up to `limit` children (or search hits, when the URI carries a search query) of a folder URI. */
export async function listFiles(
	client: CloudreveClient,
	uri: string,
	limit: PageLimit,
	options: ListOptions = {},
	onPage?: (data: ListResponse) => void,
): Promise<FileResponse[]> {
	const qs: IDataObject = { uri };
	if (options.orderBy) qs.order_by = options.orderBy;
	if (options.orderDirection) qs.order_direction = options.orderDirection;
	return await paginate<FileResponse>(
		client,
		{ method: 'GET', path: '/file', qs, itemIndex: options.itemIndex },
		'files',
		limit,
		onPage as ((data: IDataObject) => void) | undefined,
	);
}

/** One page of a listing, for editor browsing and the trigger. */
export async function listPage(
	client: CloudreveClient,
	uri: string,
	pageSize: number,
	nextPageToken?: string,
	options: ListOptions = {},
): Promise<ListResponse> {
	const qs: IDataObject = { uri, page_size: pageSize };
	if (nextPageToken) qs.next_page_token = nextPageToken;
	if (options.orderBy) qs.order_by = options.orderBy;
	if (options.orderDirection) qs.order_direction = options.orderDirection;
	return await client.request<ListResponse>({ method: 'GET', path: '/file', qs, itemIndex: options.itemIndex });
}

export interface InfoOptions {
	extended?: boolean;
	folderSummary?: boolean;
	itemIndex?: number;
}

export async function getFileInfo(
	client: CloudreveClient,
	target: { uri?: string; id?: string },
	options: InfoOptions = {},
): Promise<FileResponse> {
	const qs: IDataObject = {};
	if (target.id) qs.id = target.id;
	else qs.uri = target.uri;
	if (options.extended) qs.extended = true;
	if (options.folderSummary) qs.folder_summary = true;
	return await client.request<FileResponse>({ method: 'GET', path: '/file/info', qs, itemIndex: options.itemIndex });
}

export interface CreateOptions {
	errOnConflict?: boolean;
	metadata?: Record<string, string>;
	itemIndex?: number;
}

/** POST /file/create: missing parents are created (mkdir -p). Not idempotent-retried. */
export async function createFile(
	client: CloudreveClient,
	uri: string,
	type: 'file' | 'folder',
	options: CreateOptions = {},
): Promise<FileResponse> {
	const body: IDataObject = { uri, type };
	if (options.errOnConflict) body.err_on_conflict = true;
	if (options.metadata && Object.keys(options.metadata).length) body.metadata = options.metadata;
	return await client.request<FileResponse>({ method: 'POST', path: '/file/create', body, itemIndex: options.itemIndex });
}

/** POST /file/rename → the renamed item. */
export async function renameFile(client: CloudreveClient, uri: string, newName: string, itemIndex?: number): Promise<FileResponse> {
	return await client.request<FileResponse>({ method: 'POST', path: '/file/rename', body: { uri, new_name: newName }, itemIndex });
}

/** POST /file/move: moves (or copies) every URI into the destination folder. Partial failure → 40081. */
export async function moveFiles(
	client: CloudreveClient,
	uris: string[],
	dst: string,
	copy: boolean,
	itemIndex?: number,
): Promise<void> {
	await client.request({ method: 'POST', path: '/file/move', body: { uris, dst, copy }, itemIndex });
}

export interface DeleteOptions {
	/** Delete permanently instead of moving to the trash (required for items already in the trash). */
	skipSoftDelete?: boolean;
	/** With a permanent delete: keep the blobs in storage (group permission advance_delete). */
	unlink?: boolean;
	itemIndex?: number;
}

/** DELETE /file. */
export async function deleteFiles(client: CloudreveClient, uris: string[], options: DeleteOptions = {}): Promise<void> {
	const body: IDataObject = { uris };
	if (options.skipSoftDelete) body.skip_soft_delete = true;
	if (options.unlink) body.unlink = true;
	await client.request({ method: 'DELETE', path: '/file', body, itemIndex: options.itemIndex });
}

/** POST /file/restore: trash URIs back to where they were. */
export async function restoreFiles(client: CloudreveClient, uris: string[], itemIndex?: number): Promise<void> {
	await client.request({ method: 'POST', path: '/file/restore', body: { uris }, itemIndex });
}

/** DELETE /file/trash (Cloudreve ≥ 4.18): permanently deletes everything in the caller's trash. */
export async function emptyTrash(client: CloudreveClient, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/file/trash', itemIndex });
}

export interface DownloadUrlOptions {
	download?: boolean;
	entity?: string;
	usePrimarySiteUrl?: boolean;
	skipError?: boolean;
	archive?: boolean;
	noCache?: boolean;
	itemIndex?: number;
}

/** POST /file/url: signed download URLs (one per URI, or one zip URL with `archive`). */
export async function getDownloadUrls(client: CloudreveClient, uris: string[], options: DownloadUrlOptions = {}): Promise<DownloadUrlResponse> {
	const body: IDataObject = { uris };
	if (options.download) body.download = true;
	if (options.entity) body.entity = options.entity;
	if (options.usePrimarySiteUrl) body.use_primary_site_url = true;
	if (options.skipError) body.skip_error = true;
	if (options.archive) body.archive = true;
	if (options.noCache) body.no_cache = true;
	// Creating a URL changes nothing on the server, so it is safe to send again.
	return await client.request<DownloadUrlResponse>({ method: 'POST', path: '/file/url', body, idempotent: true, itemIndex: options.itemIndex });
}

/** GET /file/thumb. */
export async function getThumbnailUrl(client: CloudreveClient, uri: string, itemIndex?: number): Promise<ThumbnailResponse> {
	return await client.request<ThumbnailResponse>({ method: 'GET', path: '/file/thumb', qs: { uri }, itemIndex });
}

/** GET /file/archive: the entries of a zip or 7z file. */
export async function listArchive(
	client: CloudreveClient,
	uri: string,
	options: { entity?: string; textEncoding?: string; itemIndex?: number } = {},
): Promise<ArchivedFile[]> {
	const qs: IDataObject = { uri };
	if (options.entity) qs.entity = options.entity;
	if (options.textEncoding) qs.text_encoding = options.textEncoding;
	const data = await client.request<{ files?: ArchivedFile[] }>({ method: 'GET', path: '/file/archive', qs, itemIndex: options.itemIndex });
	return data?.files ?? [];
}

/** PATCH /file/metadata. */
export async function patchMetadata(client: CloudreveClient, uris: string[], patches: MetadataPatch[], itemIndex?: number): Promise<void> {
	await client.request({ method: 'PATCH', path: '/file/metadata', body: { uris, patches: patches as unknown as IDataObject[] }, itemIndex });
}

/** POST /file/version/current. */
export async function setCurrentVersion(client: CloudreveClient, uri: string, version: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'POST', path: '/file/version/current', body: { uri, version }, itemIndex });
}

/** DELETE /file/version (not the current one). */
export async function deleteVersion(client: CloudreveClient, uri: string, version: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/file/version', body: { uri, version }, itemIndex });
}

/** PUT /file/pin. */
export async function pinFile(client: CloudreveClient, uri: string, name?: string, itemIndex?: number): Promise<void> {
	const body: IDataObject = { uri };
	if (name) body.name = name;
	await client.request({ method: 'PUT', path: '/file/pin', body, itemIndex });
}

/** DELETE /file/pin. */
export async function unpinFile(client: CloudreveClient, uri: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/file/pin', body: { uri }, itemIndex });
}

/**
 * PUT /file/source: direct links. Returns the whole envelope, because a 40081 partial failure still carries
 * the links that were created in `data` (§2.6).
 */
export async function createDirectLinks(
	client: CloudreveClient,
	uris: string[],
	itemIndex?: number,
): Promise<CloudreveEnvelope<DirectLinkResult[]>> {
	return await client.envelope<DirectLinkResult[]>({ method: 'PUT', path: '/file/source', body: { uris }, itemIndex });
}

/** DELETE /file/source/:id. */
export async function deleteDirectLink(client: CloudreveClient, id: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: `/file/source/${encodeURIComponent(id)}`, itemIndex });
}

/** PATCH /file/view: a complete view, or null to delete the saved one. */
export async function updateView(client: CloudreveClient, uri: string, view: ExplorerView | null, itemIndex?: number): Promise<void> {
	await client.request({ method: 'PATCH', path: '/file/view', body: { uri, view: view as unknown as IDataObject }, itemIndex });
}

/** PUT /file/viewerSession. */
export async function createViewerSession(
	client: CloudreveClient,
	body: { uri: string; viewer_id: string; preferred_action: 'view' | 'edit'; version?: string },
	itemIndex?: number,
): Promise<ViewerSessionResponse> {
	return await client.request<ViewerSessionResponse>({ method: 'PUT', path: '/file/viewerSession', body: { ...body }, itemIndex });
}

/** GET /file/search (full-text, Cloudreve ≥ 4.14 with Meilisearch; else 40019). */
export async function fullTextSearch(client: CloudreveClient, query: string, offset: number, itemIndex?: number): Promise<FullTextSearchResponse> {
	return await client.request<FullTextSearchResponse>({ method: 'GET', path: '/file/search', qs: { query, offset }, itemIndex });
}

/** [Pro] POST /file/permission. */
export async function setPermission(client: CloudreveClient, uris: string[], setting: PermissionSetting, itemIndex?: number): Promise<void> {
	await client.request({ method: 'POST', path: '/file/permission', body: { uris, setting: setting as IDataObject }, itemIndex });
}

/** [Pro] DELETE /file/permission (body presumably `{uris}`; the reference could not read it). */
export async function deletePermission(client: CloudreveClient, uris: string[], itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/file/permission', body: { uris }, itemIndex });
}

/** [Pro] PATCH /file/policy: the folder's preferred storage policy. */
export async function mountStoragePolicy(client: CloudreveClient, uri: string, policyId: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'PATCH', path: '/file/policy', body: { uri, policy_id: policyId }, itemIndex });
}

/**
 * [Pro] GET /file/activities. The path is not confirmed by any source (cloudreve-api.md §2.6 "List file
 * activities"); a community server answers 404, which the transport reports as a Pro-only endpoint.
 */
export async function listActivities(
	client: CloudreveClient,
	uri: string,
	limit: PageLimit,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await paginate<IDataObject>(client, { method: 'GET', path: '/file/activities', qs: { uri }, itemIndex }, 'activities', limit);
}
