// Client-called completion callbacks (§2.4): `/callback/{s3|cos|ks3}` (GET) and `/callback/onedrive` (POST).
// They need no token; the `:key` segment is the session's callback_secret.
import type { IHttpRequestMethods } from 'n8n-workflow';

import type { CloudreveEnvelope } from '../../errors';
import { bodyJson, bodyText, storageError } from '../failures';
import type { DriverContext } from './types';

export async function callCompletionCallback(dc: DriverContext, method: IHttpRequestMethods): Promise<void> {
	const { client, session } = dc;
	const type = session.storage_policy.type;
	const url = `${client.apiUrl}/callback/${type}/${encodeURIComponent(session.session_id)}/${encodeURIComponent(session.callback_secret)}`;
	let response;
	try {
		response = await client.rawRequest({ method, url, json: true, timeout: 120_000 });
	} catch (cause) {
		throw storageError(client.node, `The ${type} completion callback`, { cause, transient: true });
	}
	const envelope = bodyJson<CloudreveEnvelope>(response.body);
	if (envelope && typeof envelope.code === 'number') {
		if (envelope.code === 0) return;
		throw client.apiError(envelope, dc.itemIndex);
	}
	throw storageError(client.node, `The ${type} completion callback`, {
		status: response.statusCode,
		body: bodyText(response.body),
		transient: response.statusCode >= 500 || response.statusCode === 429,
	});
}
