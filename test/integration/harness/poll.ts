// An n8n-like IPollFunctions for running the real trigger class over real HTTP (n8n-notes.md §3.1):
// - one static data object per activation, kept in memory between polls;
// - it is "saved" (copied to `saved`) only after a poll that emitted, as legacy n8n does; `restart()` goes back
//   to the saved copy, with a new object (a new activation);
// - manual polls ("Fetch Test Event") see a throwaway copy;
// - getPollBudgetMs only when a budget is given (n8n 2.41+), as the node must cope without it.
import {
	NodeOperationError,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeProperties,
	type INodeType,
	type IPollFunctions,
} from 'n8n-workflow';

import type { BinaryStore } from './binary';
import { CredentialStore, makeHttpRequestWithAuthentication } from './context';
import { n8nHttpRequest } from './http';

export interface PollHarnessOptions {
	parameters: Record<string, unknown>;
	store: CredentialStore;
	/** Gives the context getPollBudgetMs() (n8n 2.41+). */
	budgetMs?: number;
	nodeName?: string;
	/** n8n's binary store (harness/binary.ts), for Download File. */
	binary?: BinaryStore;
}

function findDefault(properties: INodeProperties[], name: string): unknown {
	return properties.find((p) => p.name === name)?.default;
}

function getPath(source: Record<string, unknown>, path: string): unknown {
	return path.split('.').reduce<unknown>((acc, key) => (acc && typeof acc === 'object' ? (acc as Record<string, unknown>)[key] : undefined), source);
}

export class PollHarness {
	/** The in-memory static data of the current activation. */
	staticData: IDataObject = {};
	/** What n8n's database holds: the static data after the last poll that emitted. */
	saved: string | undefined;
	readonly warnings: string[] = [];
	parameters: Record<string, unknown>;
	polls = 0;

	constructor(
		private readonly nodeType: INodeType,
		private readonly options: PollHarnessOptions,
	) {
		this.parameters = options.parameters;
	}

	private context(mode: 'trigger' | 'manual', staticData: IDataObject): IPollFunctions {
		const node: INode = {
			id: 'trigger-1',
			name: this.options.nodeName ?? 'Cloudreve Trigger',
			type: `n8n-nodes-cloudreve.${this.nodeType.description.name}`,
			typeVersion: 1,
			position: [0, 0],
			parameters: this.parameters as INode['parameters'],
			credentials: { cloudreveApi: { id: this.options.store.id, name: this.options.store.name } },
		};
		const properties = this.nodeType.description.properties;
		const parameters = this.parameters;
		const warnings = this.warnings;
		const ctx: Record<string, unknown> = {
			getNode: () => node,
			getMode: () => mode,
			getActivationMode: () => 'activate',
			getCredentials: async () => this.options.store.read(),
			getWorkflowStaticData: () => staticData,
			getNodeParameter(name: string, fallback?: unknown, opts?: { extractValue?: boolean }) {
				let value = getPath(parameters, name);
				// n8n fills every parameter's default into the node, so the fallback only matters for unknown names.
				if (value === undefined) value = findDefault(properties, name) ?? fallback;
				if (value === undefined) throw new NodeOperationError(node, `Could not get parameter "${name}"`);
				if (opts?.extractValue && value && typeof value === 'object' && 'value' in (value as object)) return (value as { value: unknown }).value;
				return value;
			},
			logger: {
				debug() {},
				info() {},
				warn: (message: string) => warnings.push(message),
				error: (message: string) => warnings.push(message),
			},
			helpers: {
				httpRequest: n8nHttpRequest,
				httpRequestWithAuthentication: makeHttpRequestWithAuthentication(this.options.store, node),
				returnJsonArray: (data: IDataObject | IDataObject[]) => (Array.isArray(data) ? data : [data]).map((json) => ({ json })),
			},
		};
		if (this.options.budgetMs !== undefined) ctx.getPollBudgetMs = () => this.options.budgetMs;
		if (this.options.binary) {
			const { prepareBinaryData } = this.options.binary.helpers([], ctx as never);
			Object.assign(ctx.helpers as object, { prepareBinaryData });
		}
		return ctx as unknown as IPollFunctions;
	}

	/** One scheduled (or activation) poll. */
	async poll(): Promise<INodeExecutionData[][] | null> {
		this.polls++;
		const result = await this.nodeType.poll!.call(this.context('trigger', this.staticData));
		if (result !== null) this.saved = JSON.stringify(this.staticData);
		return result;
	}

	/** "Fetch Test Event": runs on a copy that is thrown away. */
	async fetchTestEvent(): Promise<INodeExecutionData[][] | null> {
		const copy = JSON.parse(JSON.stringify(this.staticData)) as IDataObject;
		return await this.nodeType.poll!.call(this.context('manual', copy));
	}

	/** n8n restarts: the in-memory state is lost, the last saved copy comes back (a new activation). */
	restart(): void {
		this.staticData = this.saved ? (JSON.parse(this.saved) as IDataObject) : {};
	}

	/** Items of a poll result as plain JSON (empty for null). */
	static json(result: INodeExecutionData[][] | null): IDataObject[] {
		return result ? result[0].map((i) => i.json) : [];
	}
}
