import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createArchive } from '../../../shared/api/tasks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import type { CloudreveClient } from '../../../shared/transport/client';
import { joinUri } from '../../../shared/uri';
import { additionalSourcesOption, readSources } from './common';
import { finishTaskOperation, waitProperties } from './wait';

const show = { resource: ['task'], operation: ['createArchive'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'source',
		displayName: 'Source',
		target: 'any',
		description: 'The file or folder to pack. Add more under Options → Additional Sources.',
		displayOptions: { show },
	}),
	locatorProperty({
		name: 'destinationFolder',
		displayName: 'Destination Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder the zip file is created in (created if missing)',
		displayOptions: { show },
	}),
	{
		displayName: 'Archive Name',
		name: 'archiveName',
		type: 'string',
		required: true,
		default: 'archive.zip',
		description: 'File name of the zip archive to create. Cloudreve always writes zip archives; ".zip" is added when the name has no extension. The file must not exist yet.',
		displayOptions: { show },
	},
	...waitProperties(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			additionalSourcesOption(),
			{
				displayName: 'File Name Encoding',
				name: 'encoding',
				type: 'string',
				default: '',
				placeholder: 'gbk',
				description: 'Sent as "encoding". Cloudreve 4.18 ignores it when creating archives (names are written as UTF-8); it matters for Extract Archive.',
			},
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const sources = await readSources(this, client, 'source', options.additionalSources, i);
	const folder = await readLocatorUri(this, client, 'destinationFolder', i);
	let name = String(this.getNodeParameter('archiveName', i, '') ?? '').trim();
	if (name === '' || name.includes('/')) {
		throw new NodeOperationError(this.getNode(), 'Archive Name must be a file name such as "backup.zip"', {
			itemIndex: i,
			description: 'Give only the name; choose the folder in Destination Folder.',
		});
	}
	if (!name.includes('.')) name += '.zip';
	const dst = joinUri(folder, name);
	const task = await createArchive(client, sources, dst, { encoding: (options.encoding as string) || undefined, itemIndex: i });
	return await finishTaskOperation(this, client, [task], i, { archiveUri: dst });
}
