import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { importExternalFiles } from '../../../shared/api/tasks';
import type { CloudreveClient } from '../../../shared/transport/client';
import { finishTaskOperation, waitProperties } from './wait';

const show = { resource: ['task'], operation: ['import'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Administrators only: registers files that already exist in a storage policy as files of a user',
		name: 'adminNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Source Path',
		name: 'src',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/data/media/2026',
		description: 'Physical path inside the storage policy (for a local policy: a folder on the server\'s disk)',
		displayOptions: { show },
	},
	{
		displayName: 'Destination Path',
		name: 'dst',
		type: 'string',
		required: true,
		default: '/',
		placeholder: '/Imported',
		description: 'Folder in the target user\'s drive, relative to their root',
		displayOptions: { show },
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'lpua',
		description: 'Hash ID of the user who will own the imported files (User → Get Current shows yours)',
		displayOptions: { show },
	},
	{
		displayName: 'Storage Policy Number',
		name: 'policyId',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Numeric database ID of the storage policy holding the files, as shown in the admin panel (not a hash ID)',
		displayOptions: { show },
	},
	{
		displayName: 'Recursive',
		name: 'recursive',
		type: 'boolean',
		default: true,
		description: 'Whether to import subfolders too',
		displayOptions: { show },
	},
	{
		displayName: 'Extract Media Metadata',
		name: 'extractMediaMeta',
		type: 'boolean',
		default: false,
		description: 'Whether Cloudreve reads EXIF and audio/video metadata of the imported files',
		displayOptions: { show },
	},
	...waitProperties(show),
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData[]> {
	const src = String(this.getNodeParameter('src', i, '')).trim();
	const userId = String(this.getNodeParameter('userId', i, '')).trim();
	if (src === '' || userId === '') {
		throw new NodeOperationError(this.getNode(), `${src === '' ? 'Source Path' : 'User ID'} is empty`, {
			itemIndex: i,
			description: 'Source Path is a folder inside the storage policy; User ID is the hash ID of the owner-to-be.',
		});
	}
	const task = await importExternalFiles(
		client,
		{
			src,
			dst: String(this.getNodeParameter('dst', i, '/')).trim() || '/',
			userId,
			policyId: Number(this.getNodeParameter('policyId', i, 1)),
			recursive: this.getNodeParameter('recursive', i, true) as boolean,
			extractMediaMeta: this.getNodeParameter('extractMediaMeta', i, false) as boolean,
		},
		i,
	);
	return await finishTaskOperation(this, client, [task], i);
}
