import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { unpinFile } from '../../../shared/api/files';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';

const show = { resource: ['file'], operation: ['unpin'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File or Folder',
		target: 'any',
		description: 'The pinned item to remove from the sidebar (the item itself is not touched)',
		displayOptions: { show },
	}),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	await unpinFile(client, uri, i);
	return { json: { success: true, unpinned: uri } };
}
