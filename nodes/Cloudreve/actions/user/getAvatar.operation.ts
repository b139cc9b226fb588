import type { IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getAvatar } from '../../../shared/api/account';
import { getCurrentUser } from '../../../shared/api/site';
import type { CloudreveEnvelope } from '../../../shared/errors';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['user'], operation: ['getAvatar'] };

export const description: INodeProperties[] = [
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		placeholder: 'e.g. lpua',
		description: 'Whose profile picture to get; empty means your own',
		displayOptions: { show },
	},
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		hint: 'The name of the output binary field to put the picture in',
		displayOptions: { show },
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	let userId = String(this.getNodeParameter('userId', i, '')).trim();
	if (!userId) userId = String((await getCurrentUser(client, i)).id);
	const binaryPropertyName = String(this.getNodeParameter('binaryPropertyName', i, 'data')) || 'data';
	const response = await getAvatar(client, userId);
	const headers = response.headers ?? {};
	const contentType = String(headers['content-type'] ?? '');
	const body = Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? ''));

	if (response.statusCode === 302 || response.statusCode === 301) {
		return { json: { userId, avatar: 'gravatar', url: String(headers.location ?? '') } };
	}
	if (response.statusCode === 404) return { json: { userId, avatar: 'none' } };
	if (contentType.includes('json')) {
		const envelope = JSON.parse(body.toString('utf8')) as CloudreveEnvelope;
		throw client.apiError(envelope, i);
	}
	if (response.statusCode !== 200) {
		throw new NodeApiError(this.getNode(), { httpCode: String(response.statusCode) } as JsonObject, {
			message: `Getting the profile picture failed (HTTP ${response.statusCode})`,
			itemIndex: i,
		});
	}
	const mimeType = contentType.split(';')[0] || 'image/png';
	const extension = mimeType.split('/')[1]?.replace('jpeg', 'jpg') ?? 'png';
	const binary = await this.helpers.prepareBinaryData(body, `avatar-${userId}.${extension}`, mimeType);
	return { json: { userId, avatar: 'file', mimeType, size: body.length }, binary: { [binaryPropertyName]: binary } };
}
