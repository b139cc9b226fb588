// Typed calls for the workflow (async task) endpoints (cloudreve-api.md §2.5) and readable names for task
// statuses and types. They know Cloudreve, not n8n parameters.
import type { IDataObject } from 'n8n-workflow';

import type { CloudreveEnvelope } from '../errors';
import type { CloudreveClient } from '../transport/client';
import { paginate, type PageLimit } from '../transport/paginate';

export type TaskStatus = 'queued' | 'processing' | 'suspending' | 'error' | 'canceled' | 'completed';

export type TaskCategory = 'general' | 'downloading' | 'downloaded';

/** Per-file state of a remote download (torrents list many files). */
export interface DownloadFile {
	index: number;
	name: string;
	size: number;
	/** 0–1 */
	progress: number;
	selected: boolean;
}

/** The downloader's view of a remote download (`summary.props.download`). */
export interface DownloadStatus {
	name: string;
	state: 'downloading' | 'seeding' | 'completed' | 'error' | 'unknown';
	total: number;
	downloaded: number;
	download_speed: number;
	uploaded: number;
	upload_speed: number;
	hash?: string;
	files?: DownloadFile[];
	pieces?: string;
	num_pieces?: number;
	error_message?: string;
}

export interface TaskSummary {
	phase?: string;
	props?: IDataObject & { download?: DownloadStatus };
}

export interface TaskNode {
	id: string;
	name: string;
	type: string;
	capabilities: string;
}

/** `TaskResponse` (§2.5). */
export interface TaskResponse {
	id: string;
	status: TaskStatus;
	type: string;
	created_at: string;
	updated_at: string;
	node?: TaskNode;
	summary?: TaskSummary;
	error?: string;
	error_history?: string[];
	/** Milliseconds the task has executed. */
	duration?: number;
	/** Unix seconds when a suspended task resumes. */
	resume_time?: number;
	retry_count?: number;
}

export interface TaskListResponse {
	tasks: TaskResponse[];
	pagination: { page: number; page_size: number; next_token?: string; is_cursor?: boolean };
}

/** One progress entry of `GET /workflow/progress/:id`. */
export interface TaskProgressEntry {
	total: number;
	current: number;
	identifier: string;
}

export type TaskProgress = Record<string, TaskProgressEntry>;

// ---- readable names ----

export const STATUS_NAMES: Record<TaskStatus, string> = {
	queued: 'Queued',
	processing: 'Processing',
	suspending: 'Suspending',
	error: 'Error',
	canceled: 'Canceled',
	completed: 'Completed',
};

export const TYPE_NAMES: Record<string, string> = {
	create_archive: 'Create Archive',
	extract_archive: 'Extract Archive',
	remote_download: 'Remote Download',
	import: 'Import External Files',
	relocate: 'Relocate Storage Policy',
	media_meta: 'Extract Media Metadata',
	entity_recycle_routine: 'Entity Recycle Routine',
	explicit_entity_recycle: 'Explicit Entity Recycle',
	upload_sentinel_check: 'Upload Sentinel Check',
	slave_create_archive: 'Create Archive (Slave)',
	slave_upload: 'Upload (Slave)',
	slave_extract_archive: 'Extract Archive (Slave)',
	full_text_rebuild: 'Rebuild Full-Text Index',
	full_text_index: 'Full-Text Index',
	full_text_copy: 'Full-Text Copy',
	full_text_change_owner: 'Full-Text Change Owner',
	full_text_delete: 'Full-Text Delete',
};

/** Statuses after which a task never changes again. */
export const FINAL_STATUSES: readonly TaskStatus[] = ['completed', 'error', 'canceled'];

export function isFinalStatus(status: string): boolean {
	return (FINAL_STATUSES as readonly string[]).includes(status);
}

function titleCase(raw: string): string {
	return raw
		.split(/[_\s-]+/)
		.filter(Boolean)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');
}

export function statusName(status: string): string {
	return STATUS_NAMES[status as TaskStatus] ?? (status ? titleCase(status) : 'Unknown');
}

export function typeName(type: string): string {
	return TYPE_NAMES[type] ?? (type ? titleCase(type) : 'Unknown');
}

/** The task as returned by Cloudreve plus `statusName` and `typeName`; raw values are kept. */
export function taskOutput(task: TaskResponse): IDataObject {
	return { ...(task as unknown as IDataObject), statusName: statusName(task.status), typeName: typeName(task.type) };
}

/** The list category a task of this type and status appears in (§2.5 List tasks). */
export function categoriesOf(type: string, status?: string): TaskCategory[] {
	if (type !== 'remote_download') return ['general'];
	if (status === undefined) return ['downloading', 'downloaded'];
	return isFinalStatus(status) ? ['downloaded'] : ['downloading'];
}

// ---- calls ----

/** POST /workflow/download: one task per URL, or one for a .torrent file in the drive. */
export async function createRemoteDownload(
	client: CloudreveClient,
	source: { urls: string[] } | { torrentUri: string },
	dst: string,
	itemIndex?: number,
): Promise<{ tasks: TaskResponse[]; failed?: Record<string, CloudreveEnvelope> }> {
	const body: IDataObject = { dst };
	if ('urls' in source) body.src = source.urls;
	else body.src_file = source.torrentUri;
	const envelope = await client.envelope<TaskResponse[]>({ method: 'POST', path: '/workflow/download', body, itemIndex });
	if (envelope.code === 0) return { tasks: envelope.data ?? [] };
	// 40081: some URLs could not be queued, but `data` still lists the tasks that were created (§2.5).
	if (envelope.code === 40081 && Array.isArray(envelope.data) && envelope.data.length > 0) {
		return { tasks: envelope.data, failed: envelope.aggregated_error };
	}
	throw client.apiError(envelope, itemIndex);
}

/** PATCH /workflow/download/:id: choose which files of a torrent to download (phase `monitor` only). */
export async function selectDownloadFiles(
	client: CloudreveClient,
	taskId: string,
	files: Array<{ index: number; download: boolean }>,
	itemIndex?: number,
): Promise<void> {
	await client.request({
		method: 'PATCH',
		path: `/workflow/download/${encodeURIComponent(taskId)}`,
		body: { files: files as unknown as IDataObject[] },
		itemIndex,
	});
}

/** DELETE /workflow/download/:id: cancels a running remote download. */
export async function cancelDownload(client: CloudreveClient, taskId: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: `/workflow/download/${encodeURIComponent(taskId)}`, itemIndex });
}

/** GET /workflow, all pages or up to a limit (page_size must be 10–100). */
export async function listTasks(client: CloudreveClient, category: TaskCategory, limit: PageLimit, itemIndex?: number): Promise<TaskResponse[]> {
	const pageSize = Math.min(100, Math.max(10, limit.pageSize));
	return await paginate<TaskResponse>(
		client,
		{ method: 'GET', path: '/workflow', qs: { category }, itemIndex },
		'tasks',
		{ ...limit, pageSize, minPageSize: 10 },
	);
}

/** One page of GET /workflow. */
export async function listTasksPage(
	client: CloudreveClient,
	category: TaskCategory,
	pageSize: number,
	nextPageToken?: string,
	itemIndex?: number,
): Promise<TaskListResponse> {
	const qs: IDataObject = { category, page_size: Math.min(100, Math.max(10, pageSize)) };
	if (nextPageToken) qs.next_page_token = nextPageToken;
	return await client.request<TaskListResponse>({ method: 'GET', path: '/workflow', qs, itemIndex });
}

/**
 * There is no "get one task" endpoint in 4.18 (§2.5), so tasks are found by paging their categories. Returns
 * the tasks found, keyed by ID; pages stop as soon as every wanted ID was seen.
 */
export async function findTasks(
	client: CloudreveClient,
	ids: string[],
	categories: TaskCategory[],
	itemIndex?: number,
): Promise<Map<string, TaskResponse>> {
	const found = new Map<string, TaskResponse>();
	const wanted = new Set(ids);
	for (const category of categories) {
		let token: string | undefined;
		do {
			const page = await listTasksPage(client, category, 100, token, itemIndex);
			for (const task of page.tasks ?? []) {
				if (wanted.has(task.id)) found.set(task.id, task);
			}
			if (found.size === wanted.size) return found;
			token = page.pagination?.next_token;
		} while (token);
	}
	return found;
}

/** GET /workflow/progress/:id → `{}` when the task is not running (or not yours). */
export async function getTaskProgress(client: CloudreveClient, taskId: string, itemIndex?: number): Promise<TaskProgress> {
	const data = await client.request<TaskProgress | null>({ method: 'GET', path: `/workflow/progress/${encodeURIComponent(taskId)}`, itemIndex });
	return data ?? {};
}

/** POST /workflow/archive: packs `src` into the zip file `dst` (must not exist yet). */
export async function createArchive(
	client: CloudreveClient,
	src: string[],
	dst: string,
	options: { encoding?: string; itemIndex?: number } = {},
): Promise<TaskResponse> {
	const body: IDataObject = { src, dst };
	if (options.encoding) body.encoding = options.encoding;
	return await client.request<TaskResponse>({ method: 'POST', path: '/workflow/archive', body, itemIndex: options.itemIndex });
}

export interface ExtractOptions {
	encoding?: string;
	password?: string;
	fileMask?: string[];
	itemIndex?: number;
}

/** POST /workflow/extract: unpacks the archive `src` into the folder `dst`. */
export async function extractArchive(client: CloudreveClient, src: string, dst: string, options: ExtractOptions = {}): Promise<TaskResponse> {
	const body: IDataObject = { src: [src], dst };
	if (options.encoding) body.encoding = options.encoding;
	if (options.password) body.password = options.password;
	if (options.fileMask && options.fileMask.length) body.file_mask = options.fileMask;
	return await client.request<TaskResponse>({ method: 'POST', path: '/workflow/extract', body, itemIndex: options.itemIndex });
}

/** POST /workflow/relocate [Pro]: moves the blobs of `src` to another storage policy (hash ID). */
export async function relocateStoragePolicy(client: CloudreveClient, src: string[], dstPolicyId: string, itemIndex?: number): Promise<TaskResponse> {
	return await client.request<TaskResponse>({ method: 'POST', path: '/workflow/relocate', body: { src, dst_policy_id: dstPolicyId }, itemIndex });
}

export interface ImportRequest {
	/** Physical path inside the storage policy. */
	src: string;
	/** Path relative to the target user's root. */
	dst: string;
	/** User hash ID. */
	userId: string;
	/** Numeric storage policy ID (not a hash ID). */
	policyId: number;
	recursive?: boolean;
	extractMediaMeta?: boolean;
}

/** POST /workflow/import (admin): registers files already present in a storage policy. */
export async function importExternalFiles(client: CloudreveClient, req: ImportRequest, itemIndex?: number): Promise<TaskResponse> {
	const body: IDataObject = {
		src: req.src,
		dst: req.dst,
		user_id: req.userId,
		policy_id: req.policyId,
		recursive: req.recursive === true,
		extract_media_meta: req.extractMediaMeta === true,
	};
	return await client.request<TaskResponse>({ method: 'POST', path: '/workflow/import', body, itemIndex });
}
