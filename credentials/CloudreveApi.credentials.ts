import type {
	IAuthenticateGeneric,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { obtainSession, type CloudreveCredentialData } from '../nodes/shared/auth/session';

export class CloudreveApi implements ICredentialType {
	name = 'cloudreveApi';

	displayName = 'Cloudreve API';

	icon: Icon = { light: 'file:cloudreve.svg', dark: 'file:cloudreve.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-cloudreve/n8n-nodes-cloudreve#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Site URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'https://drive.example.com',
			required: true,
			description: 'The address you open Cloudreve at. A trailing slash, /api/v4 or a path prefix are all fine.',
		},
		{
			displayName: 'Authentication',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Email & Password',
					value: 'password',
					description: 'Sign in like the web client; add the TOTP secret if the account uses 2FA',
				},
				{
					name: 'Refresh Token',
					value: 'refreshToken',
					description: 'For accounts that cannot sign in by password here (captcha on the sign-in page, passkey-only accounts)',
				},
			],
			default: 'password',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'TOTP Secret',
			name: 'totpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'JBSW Y3DP EHPK 3PXP',
			description:
				'Only if the account has two-factor authentication: the base32 secret shown when 2FA was enabled (also the "secret=" part of the otpauth:// QR code). Spaces and lower case are fine.',
			displayOptions: { show: { authMode: ['password'] } },
		},
		{
			displayName: 'Refresh Token',
			name: 'manualRefreshToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'A refresh token from a signed-in browser session (Cloudreve keeps it in the browser\'s local storage). n8n keeps it alive by refreshing; it dies on sign-out or a password change.',
			displayOptions: { show: { authMode: ['refreshToken'] } },
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSslIssues',
			type: 'boolean',
			default: false,
			description: 'Whether to connect even if the HTTPS certificate cannot be verified',
		},
		// Session state written back by preAuthentication (n8n-notes.md §2.1). accessToken must be the first
		// expirable hidden field; a blank value makes n8n run preAuthentication before the next request.
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Refresh Token',
			name: 'refreshToken',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Access Expires At',
			name: 'accessExpiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Refresh Expires At',
			name: 'refreshExpiresAt',
			type: 'hidden',
			default: 0,
		},
		{
			displayName: 'Identity',
			name: 'identity',
			type: 'hidden',
			default: '',
		},
	];

	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject): Promise<IDataObject> {
		return await obtainSession(
			async (options) => await this.helpers.httpRequest(options),
			credentials as unknown as CloudreveCredentialData,
		);
	}

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.accessToken}}',
			},
		},
	};

	// The test checks what the user typed, not the stored session: a GET /user/me would pass on an old token
	// even after the password was changed (n8n-notes.md §2.3). A 2FA account answers 203 here, which passes;
	// its TOTP secret is checked on first use.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "").replace(/\\/api\\/v4$/i, "")}}/api/v4',
			url: '={{$credentials.authMode === "refreshToken" ? "/session/token/refresh" : "/session/token"}}',
			method: 'POST',
			skipSslCertificateValidation: '={{$credentials.ignoreSslIssues}}',
			body: {
				email: '={{$credentials.authMode === "refreshToken" ? undefined : $credentials.email}}',
				password: '={{$credentials.authMode === "refreshToken" ? undefined : $credentials.password}}',
				refresh_token: '={{$credentials.authMode === "refreshToken" ? $credentials.manualRefreshToken : undefined}}',
			},
		},
		rules: [
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 40080, message: 'Wrong email or password' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 40017, message: 'This account is banned' } },
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 40018, message: 'This account is not activated' } },
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 40026, message: 'The site requires a captcha to sign in: use the "Refresh Token" authentication' },
			},
			{ type: 'responseSuccessBody', properties: { key: 'code', value: 40001, message: 'Cloudreve rejected the request: check the email format and password length' } },
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 40020, message: 'The refresh token was rejected: it expired or was revoked; paste a new one' },
			},
		],
	};
}
