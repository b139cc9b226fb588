import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getFileInfo } from '../../../shared/api/files';
import type { FileResponse } from '../../../shared/api/types';
import { lockPolicyOption, withLockPolicy, type LockPolicy } from '../../../shared/api/locks';
import { locatorProperty, readLocatorUri } from '../../../shared/locator';
import { fileOutput } from '../../../shared/output';
import { cloudreveCodeOf } from '../../../shared/transfer/failures';
import { uploadFile, type UploadTarget } from '../../../shared/transfer/upload';
import type { CloudreveClient } from '../../../shared/transport/client';
import { joinUri } from '../../../shared/uri';
import { simplifyOption } from '../common.descriptions';
import { contentSourceProperties, metadataMap, metadataOption, readContentSource } from './transfer.descriptions';

const show = { resource: ['file'], operation: ['upload'] };

export const description: INodeProperties[] = [
	...contentSourceProperties(show),
	locatorProperty({
		name: 'folder',
		displayName: 'Parent Folder',
		target: 'folder',
		defaultPath: '/',
		description: 'The folder to upload into; missing folders on a typed path are created',
		displayOptions: { show },
	}),
	{
		displayName: 'File Name',
		name: 'fileName',
		type: 'string',
		default: '',
		placeholder: 'e.g. report.pdf',
		description: 'Name of the new file. If empty, the binary file\'s own name is used (for text: file.txt).',
		displayOptions: { show },
	},
	{
		displayName: 'If Name Exists',
		name: 'ifExists',
		type: 'options',
		default: 'fail',
		options: [
			{ name: 'Fail', value: 'fail', description: 'Stop with an error' },
			{ name: 'Rename', value: 'rename', description: 'Upload as "name (1).ext", "name (2).ext" … (the first free name)' },
			{ name: 'Replace', value: 'replace', description: 'Upload a new version of the existing file (older versions are kept per your version settings)' },
			{ name: 'Skip', value: 'skip', description: 'Do not upload; return the existing file with skipped: true' },
		],
		description: 'What to do when the folder already has an item with this name',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show },
		options: [
			lockPolicyOption,
			{
				displayName: 'Last Modified',
				name: 'lastModified',
				type: 'dateTime',
				default: '',
				description: 'Modification time to store for the uploaded version',
			},
			metadataOption,
			{
				displayName: 'Only If Current Version Is',
				name: 'previous',
				type: 'string',
				default: '',
				placeholder: 'e.g. 2Yhx',
				description: 'With "Replace": the version (primary_entity) you expect to overwrite; the upload fails if the file changed since',
			},
			simplifyOption(),
			{
				displayName: 'Storage Policy ID',
				name: 'policyId',
				type: 'string',
				default: '',
				description: 'Storage policy ID to validate against (Cloudreve always stores into the folder\'s policy; required by servers older than 4.11)',
			},
		],
	},
];

/** FileResponse of `uri`, or undefined when nothing is there (40016). */
async function statFile(client: CloudreveClient, uri: string, itemIndex: number): Promise<FileResponse | undefined> {
	let failure: unknown;
	try {
		return await getFileInfo(client, { uri }, { itemIndex });
	} catch (error) {
		failure = error;
	}
	if (cloudreveCodeOf(failure) === 40016) return undefined;
	throw failure;
}

/** "a.tar.gz" → ["a", ".tar.gz"]? Cloudreve and most clients split at the last dot only: ["a.tar", ".gz"]. */
function splitName(name: string): [string, string] {
	const dot = name.lastIndexOf('.');
	return dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
}

/** The first free "name (n).ext" in the folder. */
async function freeName(client: CloudreveClient, folderUri: string, name: string, itemIndex: number): Promise<string> {
	const [base, ext] = splitName(name);
	for (let n = 1; n <= 1000; n++) {
		const candidate = `${base} (${n})${ext}`;
		if (!(await statFile(client, joinUri(folderUri, candidate), itemIndex))) return candidate;
	}
	throw new NodeOperationError(client.node, `No free name found for "${name}"`, { itemIndex, description: 'Over 1000 numbered copies exist. Choose another name.' });
}

export async function execute(this: IExecuteFunctions, i: number, client: CloudreveClient): Promise<INodeExecutionData> {
	const folderUri = await readLocatorUri(this, client, 'folder', i);
	const requestedName = (this.getNodeParameter('fileName', i, '') as string).trim();
	const source = await readContentSource(this, i, requestedName);
	let name = requestedName || source.fileName;
	if (!name) {
		throw new NodeOperationError(this.getNode(), 'File Name is empty', { itemIndex: i, description: 'Enter a file name; the binary data has none.' });
	}
	source.fileName = name;
	const ifExists = this.getNodeParameter('ifExists', i, 'fail') as 'fail' | 'rename' | 'replace' | 'skip';
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const simplify = options.simplify !== false;

	let uri = joinUri(folderUri, name);
	if (ifExists === 'skip' || ifExists === 'rename') {
		const existing = await statFile(client, uri, i);
		if (existing && ifExists === 'skip') return { json: { ...fileOutput(existing, simplify), skipped: true } };
		if (existing) {
			name = await freeName(client, folderUri, name, i);
			source.fileName = name;
			uri = joinUri(folderUri, name);
		}
	}

	const target: UploadTarget = {
		uri,
		overwrite: ifExists === 'replace',
		policyId: (options.policyId as string | undefined)?.trim() || undefined,
		metadata: metadataMap(options),
		previous: (options.previous as string | undefined)?.trim() || undefined,
	};
	if (options.lastModified) {
		const ms = Date.parse(String(options.lastModified));
		if (Number.isNaN(ms)) {
			throw new NodeOperationError(this.getNode(), 'Last Modified is not a valid date', { itemIndex: i, description: 'Use an ISO date such as 2026-01-31T12:00:00Z.' });
		}
		target.lastModified = ms;
	}
	const policy = (options.ifLocked as LockPolicy | undefined) ?? 'fail';
	const file = await withLockPolicy(client, policy, async () => await uploadFile(client, source, target, { itemIndex: i }), i);
	const json = fileOutput(file, simplify);
	if (ifExists === 'skip') json.skipped = false;
	return { json };
}
