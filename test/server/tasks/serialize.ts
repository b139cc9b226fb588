import { rfc3339 } from '../clock';
import { encodeId, IdType } from '../hashid';
import type { TaskRecord } from './types';

const MASTER_NODE = { id: encodeId(1, IdType.Node), name: 'Master (Default)', type: 'master', capabilities: 'ABg=' };

/** Sensitive `sign=` query values inside error strings are replaced (§2.5). */
function redact(text: string): string {
	return text.replace(/([?&]sign=)[^&\s"]+/g, '$1REDACTED');
}

/** `TaskResponse` (§2.5); omitempty fields are left out. */
export function taskJson(t: TaskRecord): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: encodeId(t.id, IdType.Task),
		status: t.status,
		type: t.type,
		created_at: rfc3339(t.createdAt),
		updated_at: rfc3339(t.updatedAt),
	};
	if (t.status !== 'queued') out.node = MASTER_NODE;
	const props: Record<string, unknown> = { ...t.props };
	if (t.download) props.download = { ...t.download, files: t.download.files?.map((f) => ({ ...f })) };
	const summary: Record<string, unknown> = {};
	if (t.phase) summary.phase = t.phase;
	if (Object.keys(props).length) summary.props = props;
	out.summary = summary;
	if (t.error) out.error = redact(t.error);
	if (t.errorHistory?.length) out.error_history = t.errorHistory.map(redact);
	const running = t.startedAtMs ? Date.now() - t.startedAtMs : 0;
	if (t.durationMs + running > 0) out.duration = t.durationMs + running;
	if (t.resumeTime) out.resume_time = t.resumeTime;
	if (t.retryCount) out.retry_count = t.retryCount;
	return out;
}
