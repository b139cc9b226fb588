// An n8n-like execution context for running the real node classes over real HTTP. The credential part copies
// what n8n-core does (request-helper-functions.ts `httpRequestWithAuthentication`): preAuthentication runs when
// the first expirable hidden field is blank, its result is merged into the passed `credentialsDecrypted.data`
// and persisted; the generic `authenticate` adds the header; an HTTP 401 triggers one refresh and retry; other
// failures are wrapped in NodeApiError.
import {
	NodeApiError,
	NodeOperationError,
	type IAdditionalCredentialOptions,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IHttpRequestOptions,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type IPairedItemData,
	type JsonObject,
} from 'n8n-workflow';

import { CloudreveApi } from '../../../credentials/CloudreveApi.credentials';
import { n8nHttpRequest } from './http';

/** The saved credential as n8n's database would hold it. */
export class CredentialStore {
	data: ICredentialDataDecryptedObject;
	/** How many times preAuthentication results were written back. */
	saves = 0;
	/** How many times preAuthentication ran. */
	preAuthRuns = 0;
	readonly id = 'cred-1';
	readonly name = 'Cloudreve test';

	constructor(data: IDataObject) {
		const defaults: IDataObject = {
			authMode: 'password',
			email: '',
			password: '',
			totpSecret: '',
			manualRefreshToken: '',
			ignoreSslIssues: false,
			accessToken: '',
			refreshToken: '',
			accessExpiresAt: 0,
			refreshExpiresAt: 0,
			identity: '',
		};
		this.data = { ...defaults, ...data } as ICredentialDataDecryptedObject;
	}

	/** getCredentials returns a fresh decrypted copy each time, like n8n. */
	read(): ICredentialDataDecryptedObject {
		return JSON.parse(JSON.stringify(this.data));
	}
}

const credentialType = new CloudreveApi();

async function runPreAuthentication(store: CredentialStore, data: ICredentialDataDecryptedObject): Promise<void> {
	store.preAuthRuns++;
	const result = await credentialType.preAuthentication.call({ helpers: { httpRequest: n8nHttpRequest } } as never, data);
	Object.assign(data, result);
	Object.assign(store.data, result);
	store.saves++;
}

function authenticate(data: ICredentialDataDecryptedObject, options: IHttpRequestOptions): IHttpRequestOptions {
	return { ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${String(data.accessToken)}` } };
}

export function makeHttpRequestWithAuthentication(store: CredentialStore, node: INode) {
	return async function httpRequestWithAuthentication(
		_type: string,
		requestOptions: IHttpRequestOptions,
		additional?: IAdditionalCredentialOptions,
	): Promise<unknown> {
		const data = additional?.credentialsDecrypted?.data ?? store.read();
		try {
			if (data.accessToken === '') await runPreAuthentication(store, data);
			return await n8nHttpRequest(authenticate(data, requestOptions));
		} catch (error) {
			if ((error as { response?: { status?: number } }).response?.status === 401) {
				try {
					await runPreAuthentication(store, data);
					return await n8nHttpRequest(authenticate(data, requestOptions));
				} catch (retryError) {
					throw new NodeApiError(node, retryError as JsonObject);
				}
			}
			throw new NodeApiError(node, error as JsonObject);
		}
	};
}

export interface RunOptions {
	/** Node parameters; a function value is evaluated per item index. */
	parameters: Record<string, unknown>;
	items?: INodeExecutionData[];
	store: CredentialStore;
	continueOnFail?: boolean;
	nodeName?: string;
}

function findDefault(properties: INodeProperties[], name: string): unknown {
	return properties.find((p) => p.name === name)?.default;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined), source);
}

/** Builds the IExecuteFunctions the node sees. */
export function makeExecuteContext(nodeType: INodeType, options: RunOptions): IExecuteFunctions {
	const node: INode = {
		id: 'node-1',
		name: options.nodeName ?? 'Cloudreve',
		type: `n8n-nodes-cloudreve.${nodeType.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters as INode['parameters'],
		credentials: { cloudreveApi: { id: options.store.id, name: options.store.name } },
	};
	const items = options.items ?? [{ json: {} }];
	const properties = nodeType.description.properties;
	const httpRequestWithAuthentication = makeHttpRequestWithAuthentication(options.store, node);
	const ctx = {
		getNode: () => node,
		getInputData: () => items,
		getMode: () => 'manual',
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async () => options.store.read(),
		getNodeParameter(name: string, itemIndex: number, fallback?: unknown, opts?: { extractValue?: boolean }) {
			let value = getPath(options.parameters, name);
			if (typeof value === 'function') value = (value as (i: number) => unknown)(itemIndex);
			if (value === undefined) value = fallback !== undefined ? fallback : findDefault(properties, name);
			if (value === undefined) throw new NodeOperationError(node, `Could not get parameter "${name}"`);
			if (opts?.extractValue && value && typeof value === 'object' && 'value' in (value as object)) return (value as { value: unknown }).value;
			return value;
		},
		logger: { debug() {}, info() {}, warn() {}, error() {} },
		helpers: {
			httpRequest: n8nHttpRequest,
			httpRequestWithAuthentication,
			returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			constructExecutionMetaData: (data: INodeExecutionData[], { itemData }: { itemData: IPairedItemData | IPairedItemData[] }) =>
				data.map((d) => ({ ...d, pairedItem: itemData })),
		},
	};
	return ctx as unknown as IExecuteFunctions;
}

/** Runs the node's execute() for the given items, as n8n would for one node run. */
export async function runNode(nodeType: INodeType, options: RunOptions): Promise<INodeExecutionData[][]> {
	const ctx = makeExecuteContext(nodeType, options);
	return (await nodeType.execute!.call(ctx)) as INodeExecutionData[][];
}
