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
