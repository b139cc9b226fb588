// Errors are data: one table maps every Cloudreve code (cloudreve-api.md §5) to a message and a hint for the
// n8n user. The transport turns a non-zero envelope into a NodeApiError built from this table.
import type { INode } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

export interface ErrorInfo {
	message: string;
	hint?: string;
}

export const ERROR_TABLE: Record<number, ErrorInfo> = {
	[-1]: { message: 'Cloudreve reported an unclassified error', hint: 'Check the Cloudreve server log for the correlation ID.' },
	203: { message: 'The request needs a further step', hint: 'Two-factor sign-in or e-mail activation is pending.' },
	401: { message: 'Not signed in', hint: 'The session could not be renewed. Check the credential (email, password, TOTP secret or refresh token).' },
	403: { message: 'Permission denied or action not supported here', hint: 'The file system of this URI (share, trash, shared with me) or your user group does not allow this action, or the item is a root folder.' },
	404: { message: 'Not found', hint: 'The share, task, session or account does not exist, has expired or is not yours. On a community (non-Pro) server this also means the endpoint does not exist.' },
	409: { message: 'The file changed while the action was running', hint: 'Retry the operation.' },
	40001: { message: 'Invalid parameters', hint: 'Check the values passed to the node; Cloudreve names the field in its message.' },
	40002: { message: 'Upload failed' },
	40003: { message: 'Folder creation failed' },
	40004: { message: 'An item with that name already exists', hint: 'Choose another name, or use the "If Name Exists" option (replace, rename or skip).' },
	40005: { message: 'The signed URL has expired', hint: 'Create a new download URL.' },
	40006: { message: 'This storage policy does not allow the action' },
	40007: { message: 'Your user group is not allowed to do this', hint: 'An administrator must grant the permission (share, WebDAV, archive, remote download or direct links) to your group.' },
	40008: { message: 'Administrator rights are required' },
	40009: { message: 'The master node is not registered' },
	40010: { message: 'A phone number must be bound first' },
	40011: { message: 'The upload session does not exist or has expired', hint: 'Run the upload again; a new session will be created.' },
	40012: { message: 'Invalid chunk index' },
	40013: { message: 'The chunk size does not match what the server expects', hint: 'This is a bug in the node; please report it with the correlation ID.' },
	40014: { message: 'Too many files for one direct-link request', hint: 'Send fewer files per request (your group limit applies).' },
	40015: { message: 'Too many remote-download URLs in one request', hint: 'Split the URLs over several items.' },
	40016: { message: 'The path does not exist', hint: 'Check the path or URI; names are case-sensitive.' },
	40017: { message: 'This account has been banned', hint: 'Ask the site administrator to unblock the account.' },
	40018: { message: 'This account is not activated', hint: 'Open the activation e-mail Cloudreve sent, or ask the administrator to activate the account.' },
	40019: { message: 'This feature is not enabled on the site' },
	40020: { message: 'The credential or token is invalid', hint: 'Sign in again: check the credential; a refresh token may have expired or been revoked by a sign-out or password change.' },
	40021: { message: 'User not found' },
	40022: { message: 'Incorrect two-factor code', hint: 'Check the TOTP secret in the credential and that this machine\'s clock is correct (codes are valid for 30 seconds).' },
	40023: { message: 'The sign-in session does not exist' },
	40024: { message: 'Passkeys could not be initialised' },
	40025: { message: 'Invalid passkey credential' },
	40026: { message: 'A captcha is required or was wrong', hint: 'Password sign-in from n8n cannot solve captchas. Use the "Refresh Token" authentication mode of the credential.' },
	40027: { message: 'The captcha must be refreshed' },
	40028: { message: 'Cloudreve could not send the e-mail' },
	40029: { message: 'The temporary link is invalid' },
	40030: { message: 'The link has expired', hint: 'Request a new password-reset e-mail.' },
	40031: { message: 'This e-mail provider is not allowed' },
	40032: { message: 'The e-mail address is already in use' },
	40033: { message: 'The account exists but is not activated; the activation e-mail was sent again' },
	40034: { message: 'The user cannot be activated' },
	40035: { message: 'The storage policy does not exist' },
	40036: { message: 'The default storage policy cannot be deleted' },
	40037: { message: 'The storage policy still holds files' },
	40038: { message: 'The storage policy is bound to groups' },
	40039: { message: 'Group not found' },
	40040: { message: 'Invalid action on a system group' },
	40041: { message: 'The group still has users' },
	40042: { message: 'The initial user\'s group cannot be changed' },
	40043: { message: 'Invalid action on the initial user' },
	40044: { message: 'File not found' },
	40045: { message: 'Listing failed' },
	40046: { message: 'Invalid action on the master node' },
	40047: { message: 'The file system could not be created' },
	40048: { message: 'The task could not be created' },
	40049: { message: 'The file is too large', hint: 'The storage policy, the edit-size limit or your group limits the size.' },
	40050: { message: 'This file type is not allowed' },
	40051: { message: 'Not enough storage capacity', hint: 'Free space (empty the trash) or ask for a larger quota.' },
	40052: { message: 'Illegal name', hint: 'Names must be 1-255 bytes, without \\ / : * ? " < > |, and allowed by the storage policy\'s extension rules.' },
	40053: { message: 'The root folder is protected' },
	40054: { message: 'An upload with the same name is in progress' },
	40055: { message: 'The uploaded object does not match the upload session' },
	40056: { message: 'This archive format is not supported' },
	40057: { message: 'The available storage policy changed' },
	40058: { message: 'The share link is invalid' },
	40059: { message: 'You cannot save your own share' },
	40060: { message: 'The slave node cannot reach the master' },
	40061: { message: 'Cloudreve version mismatch between nodes' },
	40062: { message: 'Not enough credits' },
	40063: { message: 'Group conflict' },
	40064: { message: 'You are already in this group' },
	40065: { message: 'The gift code is invalid' },
	40066: { message: 'The external account is already bound' },
	40067: { message: 'The external account is bound to another user' },
	40068: { message: 'The external account is not linked' },
	40069: { message: 'Incorrect password', hint: 'For a share, check the share password; for account settings, the current password.' },
	40070: { message: 'Share preview is disabled' },
	40071: { message: 'Invalid signature' },
	40072: { message: 'Administrators cannot buy groups' },
	40073: { message: 'The file is locked by another application', hint: 'Use Lock → Force Unlock with the tokens listed, or the "If Locked" option to force unlock and retry once.' },
	40074: { message: 'Too many items in one batch', hint: 'Send fewer items per request.' },
	40075: { message: 'The lock token has expired' },
	40076: { message: 'The file was changed since the given version', hint: 'Fetch the file again and retry with its current version.' },
	40077: { message: 'The version, entity or thumbnail does not exist', hint: 'Folders have no download URL or thumbnail; check the version ID.' },
	40078: { message: 'The file is in the trash' },
	40079: { message: 'Too many files to walk' },
	40080: { message: 'Incorrect email or password', hint: 'Check the credential\'s email and password.' },
	40081: { message: 'Some items of the batch failed' },
	40082: { message: 'Only the owner or an administrator can do this' },
	40083: { message: 'The share must be purchased first' },
	40084: { message: 'A managed account needs at least one linked identity' },
	40085: { message: 'The payment amount is too small' },
	40086: { message: 'The node is still used by a storage policy' },
	40087: { message: 'This domain is not licensed' },
	40088: { message: 'Anonymous users may not access share links on this site' },
	40089: { message: 'The token lacks a required scope', hint: 'The OAuth app token does not have the scope this operation needs.' },
	50001: { message: 'Cloudreve database error', hint: 'If this persists on every call, the account may have been deactivated or deleted.' },
	50002: { message: 'Cloudreve could not sign or encrypt' },
	50004: { message: 'Cloudreve storage I/O failed' },
	50005: { message: 'Cloudreve internal or configuration error' },
	50006: { message: 'Cloudreve cache failure' },
	50007: { message: 'Upload callback failed' },
	50008: { message: 'Settings could not be updated' },
	50009: { message: 'Adding bucket CORS failed' },
	50010: { message: 'The storage node is offline' },
	50011: { message: 'Querying file metadata failed' },
};

export function describeCode(code: number): ErrorInfo {
	return ERROR_TABLE[code] ?? { message: `Cloudreve error ${code}` };
}

/** What Cloudreve answers on an error (cloudreve-api.md §1.2). */
export interface CloudreveEnvelope<T = unknown> {
	code: number;
	msg: string;
	data?: T;
	error?: string;
	correlation_id?: string;
	aggregated_error?: Record<string, CloudreveEnvelope>;
}

export interface LockConflict {
	path: string;
	token?: string;
	owner?: { application?: { type?: string; viewer_id?: string; inner_xml?: string } };
	type?: number;
}

/** The innermost envelope of a 40081 batch error with a single failed item, as the web client shows it. */
export function unwrapSingleBatchError(envelope: CloudreveEnvelope): CloudreveEnvelope {
	if (envelope.code !== 40081 || !envelope.aggregated_error) return envelope;
	const entries = Object.values(envelope.aggregated_error);
	return entries.length === 1 ? { ...entries[0], correlation_id: entries[0].correlation_id ?? envelope.correlation_id } : envelope;
}

/** Human-readable lines for each lock conflict: path, token and holding application. */
export function describeLockConflicts(conflicts: LockConflict[]): string[] {
	return conflicts.map((c) => {
		const app = c.owner?.application;
		const holder = app?.type ? `${app.type}${app.viewer_id ? ` (viewer ${app.viewer_id})` : ''}` : 'unknown application';
		return `${c.path || '(a path you cannot see)'} — token ${c.token ?? '(hidden: not your lock)'} — held by ${holder}`;
	});
}

/** The description shown under an API error: Cloudreve's message, details, a hint and the correlation ID. */
export function describeEnvelope(envelope: CloudreveEnvelope): { message: string; description: string } {
	const info = describeCode(envelope.code);
	const lines: string[] = [];
	if (envelope.msg && envelope.msg !== info.message) lines.push(`Cloudreve says: ${envelope.msg}`);
	if (envelope.code === 40073 && Array.isArray(envelope.data)) {
		lines.push('Locked items:', ...describeLockConflicts(envelope.data as LockConflict[]).map((l) => `- ${l}`));
	}
	if (envelope.code === 40081 && envelope.aggregated_error) {
		lines.push('Failed items:');
		for (const [uri, inner] of Object.entries(envelope.aggregated_error)) {
			lines.push(`- ${uri}: ${describeCode(inner.code).message} (code ${inner.code}${inner.msg ? `: ${inner.msg}` : ''})`);
		}
	}
	if (info.hint) lines.push(info.hint);
	if (envelope.correlation_id) lines.push(`Correlation ID: ${envelope.correlation_id}`);
	return { message: `Cloudreve error ${envelope.code}: ${info.message}`, description: lines.join('\n') };
}

/** Keeps n8n errors as they are and wraps anything else, so catch blocks rethrow only node errors. */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
}
