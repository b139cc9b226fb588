// Account and site endpoints beyond ping/me/capacity (cloudreve-api.md §1.10, §1.11, §2.1, §2.3).
import type { IDataObject, IN8nHttpFullResponse } from 'n8n-workflow';

import type { CloudreveClient } from '../transport/client';

/** `User` (§2.11); other users' records are redacted. */
export interface User extends IDataObject {
	id: string;
	email?: string;
	nickname: string;
	status?: string;
	avatar?: '' | 'file' | 'gravatar';
	created_at: string;
	group?: IDataObject;
	share_links_in_profile?: string;
}

/** `GET /user/setting` answer (`UserSettings`). */
export interface UserSettings extends IDataObject {
	version_retention_enabled: boolean;
	version_retention_ext?: string[];
	version_retention_max?: number;
	passwordless: boolean;
	two_fa_enabled: boolean;
	disable_view_sync: boolean;
	share_links_in_profile: string;
}

/** `PATCH /user/setting` body: only the keys present are applied. */
export interface UserSettingPatch extends IDataObject {
	nick?: string;
	language?: string;
	preferred_theme?: string;
	version_retention_enabled?: boolean;
	version_retention_ext?: string[];
	version_retention_max?: number;
	current_password?: string;
	new_password?: string;
	two_fa_enabled?: boolean;
	two_fa_code?: string;
	disable_view_sync?: boolean;
	share_links_in_profile?: string;
}

/** `CaptchaFields` (§1.10): travel in the same body as the guarded request. */
export interface CaptchaFields extends IDataObject {
	captcha?: string;
	ticket?: string;
}

export async function getUser(client: CloudreveClient, id: string, itemIndex?: number): Promise<User> {
	return await client.request<User>({ method: 'GET', path: `/user/info/${encodeURIComponent(id)}`, itemIndex });
}

/** At most 10 users whose e-mail or nickname contains the keyword (≥ 2 characters). */
export async function searchUsers(client: CloudreveClient, keyword: string, itemIndex?: number): Promise<User[]> {
	return (await client.request<User[] | null>({ method: 'GET', path: '/user/search', qs: { keyword }, itemIndex })) ?? [];
}

export async function getPreferences(client: CloudreveClient, itemIndex?: number): Promise<UserSettings> {
	return await client.request<UserSettings>({ method: 'GET', path: '/user/setting', itemIndex });
}

export async function updatePreferences(client: CloudreveClient, patch: UserSettingPatch, itemIndex?: number): Promise<void> {
	await client.request({ method: 'PATCH', path: '/user/setting', body: patch, itemIndex });
}

/** GET /user/setting/2fa: a new base32 TOTP secret, pending for 600 s until confirmed with a code. */
export async function prepareTwoFactor(client: CloudreveClient, itemIndex?: number): Promise<string> {
	return await client.request<string>({ method: 'GET', path: '/user/setting/2fa', itemIndex });
}

/** PUT /user/setting/avatar with raw image bytes; an empty body switches to Gravatar. */
export async function updateAvatar(client: CloudreveClient, image: Buffer, mimeType: string, itemIndex?: number): Promise<void> {
	await client.request({
		method: 'PUT',
		path: '/user/setting/avatar',
		body: image,
		// Cloudreve refuses the upload without Content-Length (§2.3); the transport sets it for Buffer bodies.
		headers: { 'Content-Type': mimeType || 'image/png' },
		itemIndex,
	});
}

/**
 * GET /user/avatar/:id is not JSON: 200 with the image, 302 to Gravatar, 404 with an empty body (no picture),
 * or a JSON envelope (unknown user).
 */
export async function getAvatar(client: CloudreveClient, userId: string): Promise<IN8nHttpFullResponse> {
	return await client.rawRequest({
		method: 'GET',
		url: `${client.apiUrl}/user/avatar/${encodeURIComponent(userId)}`,
		qs: { nocache: true },
		encoding: 'arraybuffer',
		json: false,
		disableFollowRedirect: true,
	});
}

export async function signUp(
	client: CloudreveClient,
	body: { email: string; password: string; language?: string } & CaptchaFields,
	itemIndex?: number,
): Promise<{ code: number; user?: User }> {
	const envelope = await client.envelope<User>({ method: 'POST', path: '/user', body, itemIndex });
	// 203: the account waits for e-mail activation (§2.3).
	if (envelope.code === 203) return { code: 203 };
	if (envelope.code !== 0) throw client.apiError(envelope, itemIndex);
	return { code: 0, user: envelope.data };
}

export async function sendResetEmail(
	client: CloudreveClient,
	body: { email: string; language?: string } & CaptchaFields,
	itemIndex?: number,
): Promise<void> {
	await client.request({ method: 'POST', path: '/user/reset', body, itemIndex });
}

export async function resetPassword(client: CloudreveClient, userId: string, body: { password: string; secret: string }, itemIndex?: number): Promise<User> {
	return await client.request<User>({ method: 'PATCH', path: `/user/reset/${encodeURIComponent(userId)}`, body, itemIndex });
}

export async function getSiteConfig(client: CloudreveClient, section: string, itemIndex?: number): Promise<IDataObject> {
	return await client.request<IDataObject>({ method: 'GET', path: `/site/config/${encodeURIComponent(section)}`, itemIndex });
}

export async function getCaptcha(client: CloudreveClient, itemIndex?: number): Promise<{ image: string; ticket: string }> {
	return await client.request<{ image: string; ticket: string }>({ method: 'GET', path: '/site/captcha', itemIndex });
}

/** DELETE /user/authn?id=: removes a registered passkey (registering one needs a browser). */
export async function deletePasskey(client: CloudreveClient, id: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/user/authn', qs: { id }, itemIndex });
}

/**
 * DELETE /session/token: revokes the whole login chain of a refresh token (every refresh token descending from
 * that sign-in; access tokens already issued live until they expire, cloudreve-api.md §1.9). No Authorization
 * header is needed.
 */
export async function signOut(client: CloudreveClient, refreshToken: string, itemIndex?: number): Promise<void> {
	await client.request({ method: 'DELETE', path: '/session/token', body: { refresh_token: refreshToken }, itemIndex });
}
