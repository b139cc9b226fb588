import type { State } from '../state';
import type { UploadSession } from './sessions';
import { providerCallbackAuth, safeEqual } from './sign';

export { safeEqual };

/** Checks the signature header of a provider→Cloudreve callback (OSS/OBS/Qiniu/Upyun/slave). */
export function verifyProviderCallback(state: State, type: string, path: string, body: string, authorization: string | undefined): boolean {
	return !!authorization && safeEqual(providerCallbackAuth(state, type, path, body), authorization);
}

/**
 * What a provider does after completing an object: POST Cloudreve's callback server-to-server, signed, and
 * relay Cloudreve's answer (OSS/OBS/Qiniu answer the client's completion request with it).
 */
export async function providerCallback(state: State, s: UploadSession, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
	const type = s.policy.type;
	const path = `/api/v4/callback/${type}/${s.id}/${s.callbackSecret}`;
	const text = JSON.stringify(body);
	const response = await fetch(`${state.siteUrl}${path}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Authorization: providerCallbackAuth(state, type, path, text) },
		body: text,
	});
	return { status: response.status, text: await response.text() };
}
