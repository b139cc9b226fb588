import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getThumbnailUrl } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['file'], operation: ['getThumbnailUrl'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File',
		target: 'file',
		description: 'An image, video, document or other file Cloudreve can make a thumbnail for. Folders have none (error 40077).',
		displayOptions: { show },
	}),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const thumb = await getThumbnailUrl(client, uri, i);
	return { json: { uri, url: thumb.url, expires: thumb.expires } };
}
