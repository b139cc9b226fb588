import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { getFileInfo } from '../../../shared/api/files';
import { readLocatorUri, locatorProperty } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { simplifyOption } from '../common.descriptions';

const show = { resource: ['file'], operation: ['get'] };

export const description: INodeProperties[] = [
	locatorProperty({
		name: 'file',
		displayName: 'File or Folder',
		target: 'any',
		description: 'The file or folder to get information about',
		displayOptions: { show },
	}),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			{
				displayName: 'Extended Info',
				name: 'extended',
				type: 'boolean',
				default: false,
				description:
					'Whether to include versions (with their IDs), storage policy, shares, direct links, view settings and, on Cloudreve Pro, the permission setting (owner only)',
			},
			{
				displayName: 'Folder Summary',
				name: 'folderSummary',
				type: 'boolean',
				default: false,
				description: 'Whether to include the total size and counts of files and folders inside a folder',
			},
			{ ...simplifyOption(), default: false },
		],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const info = await getFileInfo(
		client,
		{ uri },
		{ extended: options.extended === true, folderSummary: options.folderSummary === true, itemIndex: i },
	);
	return { json: fileOutput(info, options.simplify === true) };
}
