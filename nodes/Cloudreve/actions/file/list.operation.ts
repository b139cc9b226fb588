import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { listFiles } from '../../../shared/api/files';
import { readLocatorUri, locatorProperty } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { returnAllAndLimit, simplifyOption } from '../common.descriptions';

const show = { resource: ['file'], operation: ['list'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'folder',
		displayName: 'Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder whose files and subfolders to list',
		displayOptions: { show },
	}),
	...returnAllAndLimit(show),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Order By',
				name: 'orderBy',
				type: 'options',
				default: 'name',
				options: [
					{ name: 'Created At', value: 'created_at' },
					{ name: 'Name', value: 'name' },
					{ name: 'Size', value: 'size' },
					{ name: 'Updated At', value: 'updated_at' },
				],
				description: 'Folders are always listed before files',
			},
			{
				displayName: 'Order Direction',
				name: 'orderDirection',
				type: 'options',
				default: 'asc',
				options: [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				],
			},
			simplifyOption(),
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const uri = await readLocatorUri(this, client, 'folder', i);
	const returnAll = this.getNodeParameter('returnAll', i) as boolean;
	const limit = returnAll ? undefined : (this.getNodeParameter('limit', i) as number);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const files = await listFiles(
		client,
		uri,
		{ returnAll, limit, pageSize: 100 },
		{
			orderBy: options.orderBy as 'name' | undefined,
			orderDirection: options.orderDirection as 'asc' | undefined,
			itemIndex: i,
		},
	);
	const simplify = options.simplify !== false;
	return files.map((f) => ({ json: fileOutput(f, simplify) }));
}
