// Runs a Groovy dispatch script translated to JavaScript under Node.js, with stand-ins
// for the globals that Mimic's script engine defines, and prints one JSON line:
//   {"result": <return value>, "logs": ["INFO: ...", ...], "context": {...}}
// or, when the script throws or does not compile, {"error": "<name>: <message>"}.
//
// Usage: node groovy_js_harness.js SCRIPT.js [REQUEST.json]
// REQUEST.json may set body, method, requestURI, queryString, headers (name to a list
// of values), parameters (name to a list of values) and uriParameters (name to value).
//
// The script runs in strict mode, so output that only works in sloppy mode fails here.
"use strict";

const fs = require("fs");

const [scriptPath, requestPath] = process.argv.slice(2);
const source = fs.readFileSync(scriptPath, "utf8");
const request = requestPath ? JSON.parse(fs.readFileSync(requestPath, "utf8")) : {};

const body = request.body ?? "";
const headers = request.headers ?? {};
const parameters = request.parameters ?? {};
const uriParameters = request.uriParameters ?? {};

function findHeader(name) {
  const lowered = String(name).toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === lowered) return headers[key];
  }
  return [];
}

globalThis.mockRequest = {
  getRequestContent: () => body,
  requestContent: () => body,
  getRequestHeader: (name) => findHeader(name).slice(),
  getRequestHeaders: () => JSON.parse(JSON.stringify(headers)),
  getRequest: () => ({
    method: request.method ?? "GET",
    requestURI: request.requestURI ?? "/",
    queryString: request.queryString ?? "",
    headers: JSON.parse(JSON.stringify(headers)),
    parameters: JSON.parse(JSON.stringify(parameters)),
  }),
  getURIParameter: (name) =>
    Object.prototype.hasOwnProperty.call(uriParameters, name) ? uriParameters[name] : null,
  getURIParameters: () => Object.assign({}, uriParameters),
};

const contextMethods = {
  get(key) {
    return Object.prototype.hasOwnProperty.call(context, key) ? context[key] : null;
  },
  set(key, value) {
    context[key] = value;
  },
};
Object.defineProperty(contextMethods, "get", { enumerable: false });
Object.defineProperty(contextMethods, "set", { enumerable: false });
const context = Object.create(contextMethods);
globalThis.requestContext = context;

const stored = new Map();
globalThis.store = {
  get: (key) => (stored.has(String(key)) ? stored.get(String(key)) : null),
  put: (key, value) => {
    stored.set(String(key), String(value));
  },
  putWithTtl: (key, value) => {
    stored.set(String(key), String(value));
  },
  delete: (key) => {
    stored.delete(String(key));
  },
};

// Formats log arguments as Mimic does: "{}" in a leading string takes the next
// argument; other arguments follow, separated by spaces.
function formatLogLine(args) {
  let line = "";
  let next = 0;
  if (args.length > 0 && typeof args[0] === "string") {
    next = 1;
    line = args[0].replace(/\{\}/g, (marker) => (next < args.length ? String(args[next++]) : marker));
  }
  for (; next < args.length; next++) {
    line += (line === "" ? "" : " ") + String(args[next]);
  }
  return line;
}

const logs = [];
globalThis.log = {};
for (const [level, prefix] of [["info", "INFO"], ["debug", "DEBUG"], ["warn", "WARN"], ["error", "ERROR"]]) {
  globalThis.log[level] = (...args) => {
    logs.push(prefix + ": " + formatLogLine(args));
  };
}

// A small stand-in for the engine's XPath function. It accepts leading
// "declare namespace p='uri';" declarations and paths whose last step is name, *:name
// or p:name, and returns the text of the first element with that local name, or "".
// A prefix that was not declared throws, as an XPath engine would.
globalThis.__mimicXPath = (xml, xpath) => {
  let path = String(xpath);
  const declared = new Set();
  const declaration = /^\s*declare\s+namespace\s+([A-Za-z_][\w.-]*)\s*=\s*'[^']*'\s*;\s*/;
  for (let match = path.match(declaration); match; match = path.match(declaration)) {
    declared.add(match[1]);
    path = path.slice(match[0].length);
  }
  const step = path.trim().split("/").pop();
  const colon = step.indexOf(":");
  const prefix = colon >= 0 ? step.slice(0, colon) : null;
  const local = colon >= 0 ? step.slice(colon + 1) : step;
  if (prefix !== null && prefix !== "*" && !declared.has(prefix)) {
    throw new Error("XPath prefix '" + prefix + "' is not declared");
  }
  const element = new RegExp(
      "<(?:[A-Za-z_][\\w.-]*:)?" + local + "(?=[\\s/>])[^>]*>([\\s\\S]*?)</(?:[A-Za-z_][\\w.-]*:)?" +
      local + "\\s*>");
  const found = String(xml).match(element);
  return found ? found[1].replace(/<[^>]*>/g, "") : "";
};

let output;
try {
  const dispatch = new Function('"use strict";\n' + source);
  const result = dispatch();
  output = {
    result: result === undefined ? null : result,
    logs,
    context: Object.assign({}, context),
  };
} catch (error) {
  output = { error: error instanceof Error ? error.name + ": " + error.message : String(error) };
}
console.log(JSON.stringify(output));
