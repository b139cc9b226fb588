// Records of the task engine (§2.5). Kept apart from the core state: the engine lives in `state.ext.tasks`.

export type TaskStatus = 'queued' | 'processing' | 'suspending' | 'error' | 'canceled' | 'completed';

export const FINAL: readonly TaskStatus[] = ['completed', 'error', 'canceled'];

export interface ProgressEntry {
	total: number;
	current: number;
	identifier: string;
}

export interface DownloadFileState {
	index: number;
	name: string;
	size: number;
	progress: number;
	selected: boolean;
}

/** Downloader status as `summary.props.download` shows it. */
export interface DownloadState {
	name: string;
	state: 'downloading' | 'seeding' | 'completed' | 'error' | 'unknown';
	total: number;
	downloaded: number;
	download_speed: number;
	uploaded: number;
	upload_speed: number;
	hash?: string;
	files?: DownloadFileState[];
	num_pieces?: number;
	error_message?: string;
}

export type ForcedOutcome = { status: 'completed' | 'error' | 'canceled'; error?: string };

export interface TaskRecord {
	id: number;
	ownerId: number;
	type: string;
	status: TaskStatus;
	/** Microseconds (clock.ts). */
	createdAt: number;
	updatedAt: number;
	phase?: string;
	props: Record<string, unknown>;
	error?: string;
	errorHistory?: string[];
	retryCount?: number;
	/** Milliseconds spent processing so far. */
	durationMs: number;
	/** Unix seconds when a suspended task resumes. */
	resumeTime?: number;
	/** In-memory progress while running (GET /workflow/progress/:id). */
	progress: Record<string, ProgressEntry>;
	/** Task state not echoed in the summary (password, file mask). */
	secret: Record<string, unknown>;
	download?: DownloadState;

	// ---- engine control (not serialised) ----
	cancelRequested?: boolean;
	forced?: ForcedOutcome;
	/** Run the remaining steps without waiting. */
	rush?: boolean;
	/** Ends the current wait early. */
	wake?: () => void;
	/** Aborts I/O in flight (remote downloads). */
	abort?: () => void;
	/** Settles when the task reached a final status. */
	done?: Promise<void>;
	startedAtMs?: number;
}
