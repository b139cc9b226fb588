// Request and response bodies of the file endpoints, named as the API names them (cloudreve-api.md §2.6).

export interface StoragePolicy {
	id: string;
	name: string;
	type: string;
	max_size: number;
	allowed_suffix?: string[];
	denied_suffix?: string[];
	relay?: boolean;
	chunk_concurrency?: number;
	encryption?: boolean;
}

export interface Entity {
	id: string;
	size: number;
	type: number;
	created_at: string;
	storage_policy?: StoragePolicy;
	encrypted_with?: string;
}

export interface DirectLink {
	id: string;
	url: string;
	downloaded: number;
	created_at: string;
}

export interface FolderSummary {
	size: number;
	files: number;
	folders: number;
	completed: boolean;
	calculated_at: string;
}

export interface FileResponse {
	type: number;
	id: string;
	name: string;
	created_at: string;
	updated_at: string;
	size: number;
	metadata?: Record<string, string> | null;
	path: string;
	shared?: boolean;
	capability?: string;
	owned?: boolean;
	primary_entity?: string;
	folder_summary?: FolderSummary;
	extended_info?: {
		storage_policy?: StoragePolicy;
		storage_used: number;
		shares?: unknown[];
		entities?: Entity[];
		view?: unknown;
		direct_links?: DirectLink[];
	};
}

export interface ListResponse {
	files: FileResponse[];
	parent: FileResponse;
	pagination: { page?: number; page_size?: number; total_items?: number; next_token?: string; is_cursor?: boolean };
	props: { capability?: string; max_page_size?: number; order_by_options?: string[] | null; order_direction_options?: string[] | null };
	context_hint?: string;
	mixed_type?: boolean;
	recursion_limit_reached?: boolean;
	single_file_view?: boolean;
	storage_policy?: StoragePolicy;
	view?: unknown;
}

export const FILE_TYPE = { file: 0, folder: 1 } as const;

/** `POST /file/url` answer (§2.6 Create download URL). */
export interface DownloadUrlResponse {
	urls: Array<{ url: string; stream_saver_display_name?: string }>;
	expires: string;
}

/** `GET /file/thumb` answer. */
export interface ThumbnailResponse {
	url: string;
	expires: string;
}

/** One entry of `GET /file/archive` (`ArchivedFile`). */
export interface ArchivedFile {
	name: string;
	size: number;
	updated_at: string | null;
	is_directory: boolean;
}

/** One metadata patch of `PATCH /file/metadata`. */
export interface MetadataPatch {
	key: string;
	value?: string;
	remove?: boolean;
}

/** `PUT /file/source` answer entries. */
export interface DirectLinkResult {
	link: string;
	file_url: string;
}

/** `ExplorerView` of `PATCH /file/view`. */
export interface ExplorerView {
	page_size: number;
	order?: string;
	order_direction: 'asc' | 'desc';
	view: 'list' | 'grid' | 'gallery';
	thumbnail?: boolean;
	gallery_width: number;
	columns?: Array<{ type: number; width?: number; props?: { metadata_key?: string } }>;
}

/** `PUT /file/viewerSession` answer. */
export interface ViewerSessionResponse {
	session: { id: string; access_token: string; expires: number };
	wopi_src?: string;
}

/** `GET /file/search` (full-text, §6.3) answer. */
export interface FullTextSearchResponse {
	hits: Array<{ file: FileResponse; content: string }>;
	total: number;
}

/** [Pro] `PermissionSetting`: bitsets as base64 strings. */
export interface PermissionSetting {
	user_explicit?: Record<string, string>;
	group_explicit?: Record<string, string>;
	same_group?: string;
	other?: string;
	anonymous?: string;
	everyone?: string;
}
