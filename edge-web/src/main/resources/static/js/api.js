// JSON calls to the services behind this origin. Errors carry the problem detail the
// services return (application/problem+json), so pages can show it in plain words.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, { body, token, contentType } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  let payload = body;
  if (body !== undefined && !(body instanceof Blob)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  } else if (body instanceof Blob) {
    headers['Content-Type'] = contentType || body.type;
  }
  const response = await fetch(path, { method, headers, body: payload });
  const text = await response.text();
  const json = text ? safeParse(text) : null;
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function safeParse(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const searchLive = (q) =>
  call('GET', `/api/search?status=LIVE&q=${encodeURIComponent(q || '')}`);
export const getBroadcast = (id) => call('GET', `/api/broadcasts/${encodeURIComponent(id)}`);
export const createBroadcast = (draft) => call('POST', '/api/broadcasts', { body: draft });
export const endBroadcast = (id, token) =>
  call('POST', `/api/broadcasts/${encodeURIComponent(id)}/end`, { token });
export const uploadThumbnail = (id, token, jpeg) =>
  call('PUT', `/api/broadcasts/${encodeURIComponent(id)}/thumbnail`, { token, body: jpeg, contentType: 'image/jpeg' });
export const reissueOwnerToken = (id, token) =>
  call('POST', `/api/broadcasts/${encodeURIComponent(id)}/owner-token`, { token });
export const getViewers = (id) => call('GET', `/api/rooms/${encodeURIComponent(id)}/viewers`);
