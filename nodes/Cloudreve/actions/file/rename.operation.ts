import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { renameFile } from '../../../shared/api/files';
import { lockPolicyOption, withLockPolicy } from '../../../shared/api/locks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import type { CloudreveClient } from '../../../shared/transport/client';
import { simplifyOption } from '../common.descriptions';
import { lockPolicyOf } from './batch';

const show = { resource: ['file'], operation: ['rename'] };

export const description: INodeProperties[] = [
	locatorProperty({ name: 'file', displayName: 'File or Folder', target: 'any', description: 'The file or folder to rename', displayOptions: { show } }),
	{
		displayName: 'New Name',
		name: 'newName',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'report-final.pdf',
		description: 'The new name only (not a path), 1-255 bytes, without \\ / : * ? " &lt; &gt; |. To move the item, use Move.',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [lockPolicyOption, simplifyOption()],
	},
];

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const uri = await readLocatorUri(this, client, 'file', i);
	const newName = String(this.getNodeParameter('newName', i)).trim();
	if (newName === '' || newName.includes('/')) {
		throw new NodeOperationError(this.getNode(), newName === '' ? 'New Name is empty' : `New Name "${newName}" contains "/"`, {
			itemIndex: i,
			description: 'Enter only the new name, such as report-final.pdf. To put the item in another folder, use the Move operation.',
		});
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const renamed = await withLockPolicy(client, lockPolicyOf(this, i), async () => await renameFile(client, uri, newName, i), i);
	return { json: fileOutput(renamed, options.simplify !== false) };
}
