// Korean and English. The first visit follows the browser's languages (the same list it
// sends as Accept-Language); a choice in the language menu is remembered.
//
// Elements carry their message key in data-i18n (and data-i18n-params as JSON), so a
// language switch re-renders static and dynamic text alike without reloading the page
// (a reload would cut a live broadcast).

const STORAGE_KEY = 'onair.lang';

const MESSAGES = {
  en: {
    'lang.label': 'Language',
    'nav.home': 'Home',
    'nav.studio': 'Go live',
    'nav.connectionTest': 'Connection test',
    'home.title': 'Live now',
    'home.searchLabel': 'Search live broadcasts',
    'home.searchPlaceholder': 'Search live broadcasts',
    'home.search': 'Search',
    'home.emptyTitle': 'Nobody is live right now',
    'home.emptyHelp': 'Start streaming: open the studio, give your broadcast a title, allow the camera and press Go live.',
    'home.emptyAction': 'Open the studio',
    'home.noResults': 'No live broadcast matches “{q}”.',
    'home.loadFailed': 'Could not load the live list. Retrying…',
    'viewers.count': '{n} watching',
    'live.badge': 'LIVE',
    'watch.unmute': 'Unmute',
    'watch.mute': 'Mute',
    'watch.quality': 'Quality',
    'watch.qualityAuto': 'Auto',
    'watch.currentLayer': 'Playing {layer}',
    'watch.stats': 'Stats for nerds',
    'watch.fullscreen': 'Full screen',
    'watch.state.connecting': 'Connecting…',
    'watch.state.waiting': 'Waiting for the stream to start…',
    'watch.state.offline': 'This broadcast is offline.',
    'watch.state.ended': 'This broadcast has ended.',
    'watch.state.notFound': 'There is no such broadcast.',
    'watch.state.banned': 'The streamer banned you from this broadcast.',
    'watch.state.reconnecting': 'Connection lost. Reconnecting…',
    'watch.state.cannotConnect': 'Cannot connect: your network seems to block WebRTC video. Try the connection test.',
    'watch.state.mediaError': 'The video stopped: {message}',
    'chat.title': 'Chat',
    'chat.you': 'You are {name}',
    'chat.inputLabel': 'Chat message',
    'chat.placeholder': 'Say something',
    'chat.send': 'Send',
    'chat.streamer': 'Streamer',
    'chat.delete': 'Delete',
    'chat.timeout': 'Time out 5 min',
    'chat.rateLimited': 'You are sending too fast. Try again in {s} s.',
    'chat.timedOut': 'The streamer timed you out. You can chat again in {s} s.',
    'chat.timedOutNotice': '{name} was timed out.',
    'chat.ban': 'Ban',
    'chat.unban': 'Unban',
    'chat.banned': 'The streamer banned you from this broadcast.',
    'chat.bannedNotice': '{name} was banned.',
    'chat.unbannedNotice': '{name} was unbanned.',
    'chat.invalid': 'Messages must be 1–300 characters.',
    'chat.error': 'Message not sent: {message}',
    'chat.notJoined': 'Chat connects once you are in the room.',
    'stats.resolution': 'Resolution',
    'stats.fps': 'Frames/s',
    'stats.bitrate': 'Bitrate',
    'stats.loss': 'Packet loss',
    'stats.rtt': 'Round trip',
    'stats.delay': 'Delay',
    'stats.layer': 'Layer',
    'stats.limitation': 'Limited by',
    'studio.title': 'Studio',
    'studio.create': 'New broadcast',
    'studio.fieldTitle': 'Title',
    'studio.fieldStreamer': 'Your name (shown on the card and in chat)',
    'studio.fieldDescription': 'Description',
    'studio.fieldTags': 'Tags (comma-separated)',
    'studio.createButton': 'Create broadcast',
    'studio.source': 'Source',
    'studio.camera': 'Camera and microphone',
    'studio.screen': 'Screen share',
    'studio.preview': 'Preview',
    'studio.previewLabel': 'Your preview',
    'studio.goLive': 'Go live',
    'studio.end': 'End broadcast',
    'studio.endConfirm': 'End the broadcast for everyone?',
    'studio.share': 'Share link',
    'studio.copy': 'Copy',
    'studio.copied': 'Copied',
    'studio.health': 'Stream health',
    'studio.state.draft': 'Fill in a title to create your broadcast.',
    'studio.state.ready': 'Ready. Start the preview, then go live.',
    'studio.state.previewing': 'Preview on. Press Go live when ready.',
    'studio.state.connecting': 'Connecting…',
    'studio.state.live': 'You are live.',
    'studio.state.ended': 'Broadcast ended.',
    'studio.state.reconnecting': 'Connection lost. Reconnecting…',
    'studio.state.error': 'Problem: {message}',
    'studio.ownerTokenLost': 'This browser can no longer manage the broadcast (its owner token was not renewed in time or was replaced): {message}',
    'studio.noCamera': 'Camera or microphone not available: {message}',
    'studio.createFailed': 'Could not create the broadcast: {message}',
    'studio.tokenNote': 'Your owner key for this broadcast is kept in this browser only.',
    'studio.thumbnailAt': 'Thumbnail updated {time}',
    'studio.layers': 'Outgoing layers',
    'studio.obs': 'Stream from OBS',
    'studio.obsIntro': 'OBS 30 or later publishes here over WHIP, instead of this page\'s Go live.',
    'studio.whipUrl': 'Server',
    'studio.whipToken': 'Bearer token',
    'studio.obsStep1': 'In OBS: Settings → Stream → Service: WHIP; paste the server and the bearer token.',
    'studio.obsStep2': 'Settings → Output (Advanced): x264 or NVENC H.264, keyframe interval 1 s, 2,500–4,000 kbps, no B-frames (x264: tune zerolatency).',
    'studio.obsStep3': 'Start Streaming: the broadcast goes live once the video arrives. Stop Streaming ends it after 30 seconds.',
    'studio.obsStep4': 'One publisher at a time: OBS is refused while this page is live, and going live here takes over from OBS. The token is secret: anyone holding it can publish.',
    'ct.title': 'Connection test',
    'ct.intro': 'Checks whether this browser and network can watch and stream.',
    'ct.run': 'Run the test',
    'ct.running': 'Testing…',
    'ct.ws': 'Signaling connection (WebSocket)',
    'ct.turn': 'Relay server (TURN)',
    'ct.media': 'Video loopback',
    'ct.pending': 'Not run yet',
    'ct.pass': 'OK',
    'ct.fail': 'Failed',
    'ct.skipped': 'Skipped',
    'ct.skippedDetail': 'Runs once the check above passes.',
    'ct.allPass': 'Everything works. You can watch and stream.',
    'ct.someFail': 'Some checks failed. See the advice below each one.',
    'ct.wsAdvice': 'The browser cannot open a WebSocket to this site. A proxy, VPN or firewall may block it; try another network or ask your network admin to allow WebSockets.',
    'ct.turnAdvice': 'The relay server did not answer. Networks that block UDP (offices, schools, some Wi-Fi) need it; try another network, turn off the VPN, or ask your network admin to allow UDP to the relay.',
    'ct.mediaAdvice': 'Video could not travel through a connection. Allow camera access if asked, close other apps using the camera, and update your browser.',
    'ct.detailRelay': 'relay candidate {address}',
    'ct.detailFrames': '{w}×{h}, {frames} frames in {ms} ms',
  },
  ko: {
    'lang.label': '언어',
    'nav.home': '홈',
    'nav.studio': '방송하기',
    'nav.connectionTest': '연결 테스트',
    'home.title': '지금 방송 중',
    'home.searchLabel': '라이브 방송 검색',
    'home.searchPlaceholder': '라이브 방송 검색',
    'home.search': '검색',
    'home.emptyTitle': '지금 방송 중인 사람이 없어요',
    'home.emptyHelp': '방송을 시작하려면 스튜디오에서 제목을 입력하고 카메라를 허용한 뒤 방송 시작을 누르세요.',
    'home.emptyAction': '스튜디오 열기',
    'home.noResults': '“{q}”에 맞는 라이브 방송이 없어요.',
    'home.loadFailed': '목록을 불러오지 못했어요. 다시 시도하는 중…',
    'viewers.count': '{n}명 시청 중',
    'live.badge': 'LIVE',
    'watch.unmute': '소리 켜기',
    'watch.mute': '소리 끄기',
    'watch.quality': '화질',
    'watch.qualityAuto': '자동',
    'watch.currentLayer': '{layer} 재생 중',
    'watch.stats': '상세 통계',
    'watch.fullscreen': '전체 화면',
    'watch.state.connecting': '연결 중…',
    'watch.state.waiting': '방송 시작을 기다리는 중…',
    'watch.state.offline': '지금은 방송하지 않아요.',
    'watch.state.ended': '방송이 끝났어요.',
    'watch.state.notFound': '없는 방송이에요.',
    'watch.state.banned': '스트리머가 이 방송에서 나를 차단했어요.',
    'watch.state.reconnecting': '연결이 끊겼어요. 다시 연결하는 중…',
    'watch.state.cannotConnect': '연결할 수 없어요: 네트워크가 WebRTC 영상을 막는 것 같아요. 연결 테스트를 해 보세요.',
    'watch.state.mediaError': '영상이 멈췄어요: {message}',
    'chat.title': '채팅',
    'chat.you': '내 이름: {name}',
    'chat.inputLabel': '채팅 메시지',
    'chat.placeholder': '메시지를 입력하세요',
    'chat.send': '보내기',
    'chat.streamer': '스트리머',
    'chat.delete': '삭제',
    'chat.timeout': '5분 채팅 금지',
    'chat.rateLimited': '너무 빨리 보내고 있어요. {s}초 뒤에 다시 보내세요.',
    'chat.timedOut': '스트리머가 채팅을 막았어요. {s}초 뒤에 다시 채팅할 수 있어요.',
    'chat.timedOutNotice': '{name} 님의 채팅이 잠시 금지되었어요.',
    'chat.ban': '차단',
    'chat.unban': '차단 해제',
    'chat.banned': '스트리머가 이 방송에서 나를 차단했어요.',
    'chat.bannedNotice': '{name} 님이 차단되었어요.',
    'chat.unbannedNotice': '{name} 님의 차단이 풀렸어요.',
    'chat.invalid': '메시지는 1–300자여야 해요.',
    'chat.error': '보내지 못했어요: {message}',
    'chat.notJoined': '방에 들어가면 채팅이 연결돼요.',
    'stats.resolution': '해상도',
    'stats.fps': '초당 프레임',
    'stats.bitrate': '비트레이트',
    'stats.loss': '패킷 손실',
    'stats.rtt': '왕복 시간',
    'stats.delay': '지연',
    'stats.layer': '레이어',
    'stats.limitation': '제한 원인',
    'studio.title': '스튜디오',
    'studio.create': '새 방송',
    'studio.fieldTitle': '제목',
    'studio.fieldStreamer': '내 이름 (카드와 채팅에 보여요)',
    'studio.fieldDescription': '설명',
    'studio.fieldTags': '태그 (쉼표로 구분)',
    'studio.createButton': '방송 만들기',
    'studio.source': '소스',
    'studio.camera': '카메라와 마이크',
    'studio.screen': '화면 공유',
    'studio.preview': '미리 보기',
    'studio.previewLabel': '내 미리 보기',
    'studio.goLive': '방송 시작',
    'studio.end': '방송 종료',
    'studio.endConfirm': '모두에게 방송을 종료할까요?',
    'studio.share': '공유 링크',
    'studio.copy': '복사',
    'studio.copied': '복사됨',
    'studio.health': '송출 상태',
    'studio.state.draft': '제목을 입력해 방송을 만드세요.',
    'studio.state.ready': '준비됐어요. 미리 보기를 켜고 방송을 시작하세요.',
    'studio.state.previewing': '미리 보기 중. 준비되면 방송 시작을 누르세요.',
    'studio.state.connecting': '연결 중…',
    'studio.state.live': '방송 중이에요.',
    'studio.state.ended': '방송이 끝났어요.',
    'studio.state.reconnecting': '연결이 끊겼어요. 다시 연결하는 중…',
    'studio.state.error': '문제가 생겼어요: {message}',
    'studio.ownerTokenLost': '이 브라우저로는 더 이상 방송을 관리할 수 없어요 (관리 토큰이 제때 갱신되지 않았거나 교체되었어요): {message}',
    'studio.noCamera': '카메라나 마이크를 쓸 수 없어요: {message}',
    'studio.createFailed': '방송을 만들지 못했어요: {message}',
    'studio.tokenNote': '이 방송의 소유자 키는 이 브라우저에만 보관돼요.',
    'studio.thumbnailAt': '썸네일 갱신 {time}',
    'studio.layers': '송출 레이어',
    'studio.obs': 'OBS로 방송하기',
    'studio.obsIntro': 'OBS 30 이상은 이 페이지의 방송 시작 대신 WHIP으로 여기에 송출할 수 있어요.',
    'studio.whipUrl': '서버',
    'studio.whipToken': 'Bearer 토큰',
    'studio.obsStep1': 'OBS에서 설정 → 방송 → 서비스: WHIP을 고르고 서버와 Bearer 토큰을 붙여 넣으세요.',
    'studio.obsStep2': '설정 → 출력(고급): x264 또는 NVENC H.264, 키프레임 간격 1초, 2,500–4,000 kbps, B-프레임 0 (x264: tune zerolatency).',
    'studio.obsStep3': '방송 시작을 누르면 영상이 도착하는 대로 라이브가 돼요. 방송 중단 후 30초가 지나면 방송이 끝나요.',
    'studio.obsStep4': '송출은 한 번에 하나만: 이 페이지가 방송 중이면 OBS는 거절되고, 여기서 방송을 시작하면 OBS 대신 송출해요. 토큰은 비밀이에요: 가진 사람은 누구나 송출할 수 있어요.',
    'ct.title': '연결 테스트',
    'ct.intro': '이 브라우저와 네트워크로 시청과 방송이 되는지 확인해요.',
    'ct.run': '테스트 시작',
    'ct.running': '테스트 중…',
    'ct.ws': '시그널링 연결 (WebSocket)',
    'ct.turn': '릴레이 서버 (TURN)',
    'ct.media': '영상 루프백',
    'ct.pending': '아직 안 함',
    'ct.pass': '정상',
    'ct.fail': '실패',
    'ct.skipped': '건너뜀',
    'ct.skippedDetail': '위 항목이 정상이면 실행돼요.',
    'ct.allPass': '모두 정상이에요. 시청과 방송을 할 수 있어요.',
    'ct.someFail': '일부 항목이 실패했어요. 각 항목 아래의 안내를 보세요.',
    'ct.wsAdvice': '이 사이트로 WebSocket을 열 수 없어요. 프록시, VPN, 방화벽이 막고 있을 수 있어요. 다른 네트워크를 쓰거나 네트워크 관리자에게 WebSocket 허용을 요청하세요.',
    'ct.turnAdvice': '릴레이 서버가 응답하지 않았어요. UDP를 막는 네트워크(회사, 학교, 일부 와이파이)에서는 꼭 필요해요. 다른 네트워크를 쓰거나 VPN을 끄거나 네트워크 관리자에게 릴레이로 가는 UDP 허용을 요청하세요.',
    'ct.mediaAdvice': '영상이 연결을 통과하지 못했어요. 카메라 권한을 허용하고, 카메라를 쓰는 다른 앱을 닫고, 브라우저를 업데이트하세요.',
    'ct.detailRelay': '릴레이 후보 {address}',
    'ct.detailFrames': '{w}×{h}, {ms}ms 동안 {frames}프레임',
  },
};

let language = initialLanguage();

function initialLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && MESSAGES[stored]) return stored;
  const preferred = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of preferred) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (MESSAGES[base]) return base;
  }
  return 'en';
}

export function currentLanguage() {
  return language;
}

export function t(key, params = {}) {
  const template = MESSAGES[language][key] ?? MESSAGES.en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

/** Sets an element's text from a message key and remembers the key for language switches. */
export function setText(element, key, params) {
  element.dataset.i18n = key;
  if (params) element.dataset.i18nParams = JSON.stringify(params);
  else delete element.dataset.i18nParams;
  element.textContent = t(key, params);
}

export function translate(root = document) {
  document.documentElement.lang = language;
  for (const element of root.querySelectorAll('[data-i18n]')) {
    const params = element.dataset.i18nParams ? JSON.parse(element.dataset.i18nParams) : undefined;
    element.textContent = t(element.dataset.i18n, params);
  }
  for (const element of root.querySelectorAll('[data-i18n-placeholder]')) {
    element.placeholder = t(element.dataset.i18nPlaceholder);
  }
  for (const element of root.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
}

/** Wires the header's language menu and translates the page once. */
export function setupLanguage(select = document.getElementById('lang')) {
  if (select) {
    select.value = language;
    select.addEventListener('change', () => {
      language = MESSAGES[select.value] ? select.value : 'en';
      localStorage.setItem(STORAGE_KEY, language);
      translate();
      document.dispatchEvent(new CustomEvent('onair:language'));
    });
  }
  translate();
}
