<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>App</name>
    <message>
        <location filename="../../app/ui/main.py" line="80" />
        <source>Quick exit</source>
        <translation>빠른 종료</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="81" />
        <source>Hide and lock at once (F12 or Ctrl+Shift+Q)</source>
        <translation>즉시 숨기고 잠급니다 (F12 또는 Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="95" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="125" />
        <source>The time-stamp server choice could not be saved: %1</source>
        <translation>타임스탬프 서버 선택을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main.py" line="157" />
        <source>Not remembered</source>
        <translation>기억하지 않았습니다</translation>
    </message>
</context>
<context>
    <name>BrowserWidget</name>
    <message>
        <location filename="../../app/ui/browser.py" line="223" />
        <source>Back</source>
        <translation>뒤로</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="225" />
        <source>Forward</source>
        <translation>앞으로</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="227" />
        <source>Reload</source>
        <translation>새로 고침</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="228" />
        <source>Web address</source>
        <translation>웹 주소</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="230" />
        <source>Hide images</source>
        <translation>이미지 숨기기</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="230" />
        <source>Show images</source>
        <translation>이미지 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="232" />
        <source>Images are blurred; showing them is your choice.</source>
        <translation>이미지는 흐리게 표시됩니다. 보실지는 직접 선택하실 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="233" />
        <source>Capture this page</source>
        <translation>이 페이지 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="236" />
        <source>Save the whole page (picture, source, PDF, text) in the vault, unblurred, without showing it.</source>
        <translation>페이지 전체(화면 이미지, 소스, PDF, 텍스트)를 화면에 보여 주지 않고 원본 그대로 보관함에 저장합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="240" />
        <source>As shown</source>
        <translation>보이는 그대로</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="243" />
        <source>Capture the page exactly as it is now, with what you opened or scrolled to, without loading it again.</source>
        <translation>다시 불러오지 않고, 펼치거나 스크롤한 상태 그대로 지금의 페이지를 저장합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="247" />
        <source>Private: forget logins when closed</source>
        <translation>비공개: 닫으면 로그인 정보를 지웁니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="248" />
        <source>Stay logged in (saved on this computer)</source>
        <translation>로그인 유지 (이 컴퓨터에 저장됨)</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="250" />
        <source>Captures and downloads go to the case "{0}".</source>
        <translation>저장한 페이지와 내려받은 파일은 사건 "{0}"에 들어갑니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="269" />
        <source>Type a web address, such as https://example.org/post/1.</source>
        <translation>https://example.org/post/1 처럼 웹 주소를 입력해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="306" />
        <source>Picture hidden. Use “Show images” to see it.</source>
        <translation>사진이 숨겨져 있습니다. 보려면 “이미지 보기”를 누르세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="312" />
        <source>Show images?</source>
        <translation>이미지를 보시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="314" />
        <source>Pictures on web pages will be shown sharp, unblurred, in this window until you hide them again. Show images?</source>
        <translation>이 창에서는 다시 숨길 때까지 웹 페이지의 사진이 흐림 없이 선명하게 표시됩니다. 이미지를 보시겠습니까?</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="332" />
        <source>Stay logged in?</source>
        <translation>로그인을 유지할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="334" />
        <source>Logins (cookies and site storage) will be kept on this computer in {0}, so anyone using this computer account could use them. Page content and images are still never cached on disk. Continue?</source>
        <translation>로그인 정보(쿠키와 사이트 저장소)가 이 컴퓨터의 {0}에 저장되어, 이 컴퓨터 계정을 쓰는 사람이라면 누구나 사용할 수 있게 됩니다. 페이지 내용과 이미지는 여전히 디스크에 캐시되지 않습니다. 계속할까요?</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="355" />
        <source>Open a web page first.</source>
        <translation>먼저 웹 페이지를 열어 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="358" />
        <source>A capture is already running.</source>
        <translation>이미 저장이 진행 중입니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="368" />
        <source>Capturing {0}…</source>
        <translation>{0} 저장 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="381" />
        <source>Capturing {0} as shown…</source>
        <translation>{0}을(를) 보이는 그대로 저장 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="397" />
        <source>The page could not be saved as shown; nothing was stored.</source>
        <translation>페이지를 보이는 그대로 저장하지 못했습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="440" />
        <source>Saved in the vault as item {0}; the picture is not the whole page: {1}</source>
        <translation>보관함에 항목 {0}(으)로 저장했습니다. 다만 그림에 페이지 전체가 담기지 않았습니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="444" />
        <source>Saved in the vault as item {0}.</source>
        <translation>보관함에 항목 {0}(으)로 저장했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="459" />
        <source>The file is too large to keep (over {0} MiB).</source>
        <translation>파일이 너무 커서 저장할 수 없습니다({0} MiB 초과).</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="471" />
        <source>Downloading into the vault…</source>
        <translation>보관함으로 내려받는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="484" />
        <source>The download did not finish; nothing was stored.</source>
        <translation>내려받기가 끝나지 않아 아무것도 저장하지 않았습니다.</translation>
    </message>
</context>
<context>
    <name>BrowserWindow</name>
    <message>
        <location filename="../../app/ui/browser.py" line="564" />
        <source>Browser (images shown)</source>
        <translation>브라우저 (이미지 표시 중)</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="566" />
        <source>Browser (images blurred)</source>
        <translation>브라우저 (이미지 흐리게)</translation>
    </message>
    <message>
        <location filename="../../app/ui/browser.py" line="580" />
        <source>Not captured</source>
        <translation>저장하지 못했습니다</translation>
    </message>
</context>
<context>
    <name>CaptureDialog</name>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="74" />
        <source>Waiting</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="75" />
        <source>Capturing…</source>
        <translation>저장 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="76" />
        <source>Saving…</source>
        <translation>보관함에 넣는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="77" />
        <source>Saved</source>
        <translation>저장됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="78" />
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="79" />
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="133" />
        <source>Capture web pages</source>
        <translation>웹 페이지 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="134" />
        <source>Paste web addresses, one per line</source>
        <translation>웹 주소를 한 줄에 하나씩 붙여 넣어 주세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="135" />
        <source>Load a list…</source>
        <translation>목록 불러오기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="136" />
        <source>Case: {0}</source>
        <translation>사건: {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="138" />
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="138" />
        <source>Result</source>
        <translation>결과</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="138" />
        <source>Item / reason</source>
        <translation>항목 / 사유</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="140" />
        <source>Capture</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="141" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="142" />
        <source>Retry failed</source>
        <translation>실패한 것 다시 시도</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="143" />
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="153" />
        <source>Load a list of addresses</source>
        <translation>주소 목록 불러오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="155" />
        <source>Text files (*.txt);;All files (*)</source>
        <translation>텍스트 파일 (*.txt);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="162" />
        <source>Cannot read the list</source>
        <translation>목록을 읽을 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="174" />
        <source>Cannot capture</source>
        <translation>저장할 수 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="214" />
        <source>Item {0}; not the whole page: {1}</source>
        <translation>항목 {0}, 페이지 전체가 아닙니다: {1}</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="219" />
        <source>Item {0}</source>
        <translation>항목 {0}</translation>
    </message>
    <message>
        <location filename="../../app/ui/capture_dialogs.py" line="236" />
        <source>{0} saved, {1} failed, {2} cancelled</source>
        <translation>저장 {0}건, 실패 {1}건, 취소 {2}건</translation>
    </message>
</context>
<context>
    <name>CasesPanel</name>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="55" />
        <location filename="../../app/ui/cases_panel.py" line="56" />
        <source>Cases</source>
        <translation>사건</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="57" />
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="58" />
        <source>Takedowns</source>
        <translation>삭제 요청</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="61" />
        <source>Where the material was seen, takedown requests and re-checks of the selected case</source>
        <translation>선택한 사건의 게시 위치, 삭제 요청과 재확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="100" />
        <source>All evidence</source>
        <translation>모든 증거</translation>
    </message>
    <message>
        <location filename="../../app/ui/cases_panel.py" line="104" />
        <source>Archived</source>
        <translation>숨김 보관됨</translation>
    </message>
</context>
<context>
    <name>Controller</name>
    <message>
        <location filename="../../app/ui/controller.py" line="316" />
        <source>Settings could not be saved: %1</source>
        <translation>설정을 저장하지 못했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/ops_items.py" line="81" />
        <source>These files were not stored (the others were):</source>
        <translation>다음 파일은 저장하지 못했습니다(나머지는 저장했습니다):</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/ops_items.py" line="89" />
        <source>…and %n more.</source>
        <translation><numerusform>…외 %n개.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/ops_items.py" line="120" />
        <source>Storing the screenshot…</source>
        <translation>화면 캡처 저장 중…</translation>
    </message>
</context>
<context>
    <name>CoreText</name>
    <message>
        <location filename="../../app/ui/core_text.py" line="19" />
        <source>The server answered with error %1 for %2; nothing was stored.</source>
        <translation>서버가 %2에 대해 오류 %1로 응답했습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="25" />
        <source>The site's certificate is not trusted (%1); nothing was stored.</source>
        <translation>사이트 인증서를 신뢰할 수 없습니다(%1). 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="31" />
        <source>Could not load %1 (%2); nothing was stored.</source>
        <translation>%1을(를) 불러오지 못했습니다(%2). 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="37" />
        <source>The download of %1 did not finish within %2 seconds; nothing was stored.</source>
        <translation>%1 내려받기가 %2초 안에 끝나지 않았습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="44" />
        <source>%1 loaded but could not be saved in time; nothing was stored.</source>
        <translation>%1을(를) 불러왔지만 제때 저장하지 못했습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="50" />
        <source>%1 did not load within %2 seconds; nothing was stored.</source>
        <translation>%1이(가) %2초 안에 열리지 않았습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="56" />
        <source>Capture cancelled; nothing was stored.</source>
        <translation>저장을 취소했습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="62" />
        <source>The page could not be rendered; nothing was stored.</source>
        <translation>페이지를 표시하지 못했습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="68" />
        <source>The time-stamp server %1 answered with error %2 (%3).</source>
        <translation>타임스탬프 서버 %1이(가) 오류 %2로 응답했습니다(%3).</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="74" />
        <source>The time-stamp server %1 cannot be reached (%2).</source>
        <translation>타임스탬프 서버 %1에 연결할 수 없습니다(%2).</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="80" />
        <source>Cancelled before it was captured.</source>
        <translation>캡처하기 전에 취소했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="84" />
        <source>Cancelled; nothing was imported.</source>
        <translation>취소했습니다. 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="88" />
        <source>The vault is locked.</source>
        <translation>보관함이 잠겨 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="92" />
        <source>File not found: %1</source>
        <translation>파일을 찾을 수 없습니다: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="96" />
        <source>%1 is not a regular file (a device, pipe or socket); only files can be added.</source>
        <translation>%1은(는) 일반 파일이 아닙니다 (장치, 파이프 또는 소켓). 파일만 추가할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="104" />
        <source>every page is authentic (SQLCipher HMAC) and the database is consistent</source>
        <translation>모든 페이지가 진본이며(SQLCipher HMAC) 데이터베이스에 모순이 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="109" />
        <source>all present</source>
        <translation>모두 있습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="112" />
        <source>%1 entries, last %2…</source>
        <translation>기록 %1건, 마지막 %2…</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="116" />
        <source>%1 files (%2 bytes) hashed again</source>
        <translation>파일 %1개(%2바이트)의 해시를 다시 계산했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="120" />
        <source>%1 tokens and %2 Merkle proofs checked</source>
        <translation>토큰 %1개와 머클 증명 %2개를 확인했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="126" />
        <source>note: %1 custody entries are still waiting for a timestamp</source>
        <translation>참고: 관리 이력 %1건이 아직 타임스탬프를 기다리고 있습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="132" />
        <source>%1 received files match %2 sender chain(s); %3 received token(s) verified</source>
        <translation>받은 파일 %1개가 보낸 사람 이력 %2개와 일치하며, 받은 토큰 %3개를 확인했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="139" />
        <source>Vault verified: everything holds.</source>
        <translation>보관함 검증 완료: 모두 이상 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="146" />
        <source>storage</source>
        <translation>저장소</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="147" />
        <source>append-only guards</source>
        <translation>추가 전용 보호 장치</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="148" />
        <source>custody chain</source>
        <translation>관리 이력 사슬</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="149" />
        <source>evidence files</source>
        <translation>증거 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="150" />
        <source>timestamps</source>
        <translation>타임스탬프</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="151" />
        <source>received evidence</source>
        <translation>받은 증거</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="158" />
        <location filename="../../app/ui/core_text.py" line="161" />
        <source>the name could not be found</source>
        <translation>주소 이름을 찾을 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="164" />
        <source>the connection was refused</source>
        <translation>연결이 거부됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="165" />
        <source>no answer in time</source>
        <translation>제때 응답이 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="166" />
        <source>no network</source>
        <translation>네트워크 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="167" />
        <source>not found</source>
        <translation>찾을 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="168" />
        <source>network error</source>
        <translation>네트워크 오류</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="193" />
        <source>[OK]</source>
        <translation>[정상]</translation>
    </message>
    <message>
        <location filename="../../app/ui/core_text.py" line="195" />
        <source>[PROBLEM]</source>
        <translation>[문제]</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../app/ui/details.py" line="180" />
        <source>Case</source>
        <translation>사건</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="181" />
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="182" />
        <source>Captured</source>
        <translation>수집 시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="183" />
        <location filename="../../app/ui/details.py" line="221" />
        <source>Stored</source>
        <translation>보관함에 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="184" />
        <source>Source</source>
        <translation>출처</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="185" />
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="186" />
        <source>SHA-256</source>
        <translation>SHA-256 해시</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="187" />
        <source>Timestamp</source>
        <translation>타임스탬프</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="188" />
        <source>State</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="189" />
        <source>Tags</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="190" />
        <source>Recorded details</source>
        <translation>기록된 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="194" />
        <source>Select an item to see its details. Images stay blurred.</source>
        <translation>항목을 선택하면 자세한 정보가 보입니다. 이미지는 계속 흐리게 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="195" />
        <location filename="../../app/ui/details.py" line="196" />
        <source>Tag</source>
        <translation>태그</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="197" />
        <source>Add tag</source>
        <translation>태그 추가</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="198" />
        <location filename="../../app/ui/details.py" line="386" />
        <location filename="../../app/ui/details.py" line="389" />
        <source>Remove tag</source>
        <translation>태그 빼기</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="199" />
        <location filename="../../app/ui/details.py" line="200" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="202" />
        <source>Write a note. Notes are added, never overwritten.</source>
        <translation>메모를 적어 주세요. 메모는 덧붙여질 뿐, 덮어쓰이지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="204" />
        <source>New note</source>
        <translation>새 메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="205" />
        <source>Add note</source>
        <translation>메모 추가</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="206" />
        <location filename="../../app/ui/details.py" line="207" />
        <source>Custody history</source>
        <translation>관리 이력</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="208" />
        <source>Item details</source>
        <translation>항목 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="220" />
        <source>Vault created</source>
        <translation>보관함 생성</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="222" />
        <source>Note added</source>
        <translation>메모 추가됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="223" />
        <source>Tag added</source>
        <translation>태그 추가됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="224" />
        <source>Tag removed</source>
        <translation>태그 빠짐</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="225" />
        <source>Archived</source>
        <translation>숨김 보관됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="226" />
        <source>Unarchived</source>
        <translation>목록으로 되돌림</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="227" />
        <source>Original viewed</source>
        <translation>원본 열람</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="228" />
        <source>Exported</source>
        <translation>내보냄</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="229" />
        <source>Vault checked</source>
        <translation>보관함 무결성 검사</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="230" />
        <source>Backup made</source>
        <translation>백업 생성</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="231" />
        <source>Passphrase changed</source>
        <translation>보관함 암호 변경</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="232" />
        <source>Vault key exported</source>
        <translation>보관함 키 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="233" />
        <source>Vault recovered from a damaged log</source>
        <translation>손상된 로그에서 보관함 복구</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="234" />
        <source>Restored older copy acknowledged</source>
        <translation>이전 사본 복원을 확인함</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="235" />
        <source>Handed over in a sealed bundle</source>
        <translation>봉인된 번들로 인계</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="236" />
        <source>Bundle file written</source>
        <translation>번들 파일 작성</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="237" />
        <source>Bundle export failed</source>
        <translation>번들 내보내기 실패</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="238" />
        <source>Bundle received and checked</source>
        <translation>번들 수령 및 검증</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="239" />
        <source>Received from an earlier holder</source>
        <translation>이전 보유자로부터 수령</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="240" />
        <source>Received again (same evidence)</source>
        <translation>같은 증거 다시 수령</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="241" />
        <source>Location where it was seen recorded</source>
        <translation>게시 위치(URL) 기록</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="242" />
        <source>Location linked to this item</source>
        <translation>게시 위치를 이 항목과 연결</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="243" />
        <source>Takedown request drafted</source>
        <translation>삭제 요청 작성</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="244" />
        <source>Takedown request status recorded</source>
        <translation>삭제 요청 상태 기록</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="245" />
        <source>Takedown notice written</source>
        <translation>삭제 요청서 작성</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="246" />
        <source>Location re-checked</source>
        <translation>게시 위치 재확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="247" />
        <source>Location status confirmed</source>
        <translation>재확인으로 게시 위치 상태 확정</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="248" />
        <source>Hash list exported (no images)</source>
        <translation>지각 해시 목록 내보내기 (이미지 없음)</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="307" />
        <source>(untitled)</source>
        <translation>(제목 없음)</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="308" />
        <source>No preview for this item.</source>
        <translation>이 항목은 미리 보기가 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="319" />
        <location filename="../../app/ui/details.py" line="331" />
        <location filename="../../app/ui/details.py" line="332" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="327" />
        <source>Archived: %1</source>
        <translation>숨김 보관됨: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="329" />
        <source>In the main list</source>
        <translation>기본 목록에 있음</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="344" />
        <source>Unarchive</source>
        <translation>목록으로 되돌리기</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="344" />
        <source>Archive…</source>
        <translation>숨김 보관…</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="355" />
        <source>UNVERIFIED earlier holder %1: no signature of its own proves its custody chain</source>
        <translation>검증되지 않은 이전 보유자 %1: 관리 이력을 증명하는 그 보유자 자신의 서명이 없습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="387" />
        <source>Tag to remove:</source>
        <translation>뺄 태그:</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="415" />
        <source>Archive item</source>
        <translation>항목 숨김 보관</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="416" />
        <source>Why is this item archived? It is kept and can be brought back.</source>
        <translation>숨김 보관하는 이유를 적어 주세요. 항목은 지워지지 않으며 언제든 되돌릴 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="418" />
        <source>Archive</source>
        <translation>숨김 보관</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="421" />
        <source>Write a reason to archive: it is kept in the custody history.</source>
        <translation>숨김 보관하려면 이유를 적어 주세요. 이유는 관리 이력에 남습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/details.py" line="390" />
        <location filename="../../app/ui/details.py" line="419" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../app/ui/error_text.py" line="17" />
        <source>The passphrase is not right. Nothing was changed.</source>
        <translation>암호가 맞지 않습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="21" />
        <source>A passphrase or key is needed, or it is not right.</source>
        <translation>암호나 키가 필요하거나, 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="25" />
        <source>Received evidence is read-only and stays as it was sent.</source>
        <translation>받은 증거는 읽기 전용이며 받은 그대로 유지됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="29" />
        <source>Verification found a problem. Nothing was changed.</source>
        <translation>검증에서 문제가 발견되었습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="33" />
        <source>This input was refused as damaged, unsupported or unsafe. Nothing was stored.</source>
        <translation>손상되었거나, 지원하지 않거나, 안전하지 않은 입력이라 받지 않았습니다. 아무것도 저장하지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="38" />
        <source>Something needed was not found.</source>
        <translation>필요한 파일이나 항목을 찾지 못했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="40" />
        <source>The disk could not be written or read. The vault is unchanged.</source>
        <translation>디스크에 쓰거나 읽지 못했습니다. 보관함은 바뀌지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="44" />
        <source>This cannot be done as asked.</source>
        <translation>요청하신 대로 할 수 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="45" />
        <source>The operation did not finish. Nothing partial was kept.</source>
        <translation>작업을 마치지 못했습니다. 중간까지 된 것은 남기지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="55" />
        <source>Out of memory; nothing partial was kept.</source>
        <translation>메모리가 부족합니다. 중간까지 된 것은 남기지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="57" />
        <source>Cancelled; nothing partial was kept.</source>
        <translation>취소했습니다. 중간까지 된 것은 남기지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/error_text.py" line="60" />
        <source>Unexpected error (%1: %2).</source>
        <translation>예기치 않은 오류입니다 (%1: %2).</translation>
    </message>
</context>
<context>
    <name>ExitBar</name>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="142" />
        <source>Quick exit</source>
        <translation>빠른 종료</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="120" />
        <source>Export a sealed bundle</source>
        <translation>봉인된 묶음 파일 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="122" />
        <source>A case:</source>
        <translation>사건:</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="124" />
        <source>The whole case: %1</source>
        <translation>사건 전체: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="126" />
        <source>Case to export</source>
        <translation>내보낼 사건</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="129" />
        <source>The bundle is signed by this vault. Read this fingerprint to the recipient (by phone or in person) so they can confirm the bundle is from you:</source>
        <translation>묶음 파일은 이 보관함으로 서명됩니다. 받는 분이 내가 보낸 묶음 파일임을 확인할 수 있도록 이 지문을 (전화나 직접 만나서) 읽어 주세요:</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="134" />
        <source>Only the selected item</source>
        <translation>선택한 항목만</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="136" />
        <source>Seal with a passphrase (tell it to the recipient separately)</source>
        <translation>암호로 봉인 (암호는 받는 분께 따로 알려 주세요)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="138" />
        <source>Seal to the recipient's key</source>
        <translation>받는 분의 키로 봉인</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="139" />
        <source>Do not encrypt (signed only)</source>
        <translation>암호화하지 않음 (서명만)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="142" />
        <source>Anyone who gets the file can see the evidence. Use this only for a secure channel.</source>
        <translation>파일을 받은 사람은 누구나 증거를 볼 수 있습니다. 안전한 전달 경로에서만 쓰세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="145" />
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="146" />
        <source>Repeat</source>
        <translation>암호 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="147" />
        <source>Recipient key (age1…)</source>
        <translation>받는 분의 키 (age1…)</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="148" />
        <location filename="../../app/ui/export_dialog.py" line="203" />
        <source>Bundle file</source>
        <translation>묶음 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="149" />
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="150" />
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="151" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="189" />
        <source>Not exported (archived, %n item(s)):</source>
        <translation><numerusform>내보내지 않음 (숨김 보관된 항목 %n개):</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/export_dialog.py" line="191" />
        <source>and %n more</source>
        <translation><numerusform>외 %n개</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="212" />
        <source>Choose where to write the bundle.</source>
        <translation>묶음 파일을 저장할 곳을 선택해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="218" />
        <source>That file already exists. Choose a new file name.</source>
        <translation>이미 있는 파일입니다. 새 파일 이름을 정해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="221" />
        <source>That folder does not exist. Choose another place.</source>
        <translation>없는 폴더입니다. 다른 곳을 골라 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="227" />
        <source>This passphrase is too easy to guess. Add more words.</source>
        <translation>이 암호는 너무 쉽게 짐작할 수 있습니다. 단어를 더 넣어 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="231" />
        <source>The two passphrases are not the same.</source>
        <translation>두 암호가 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="236" />
        <source>A recipient key starts with age1.</source>
        <translation>받는 분의 키는 age1로 시작합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="246" />
        <source>Choose a case to export.</source>
        <translation>내보낼 사건을 골라 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="249" />
        <source>Exporting a sealed bundle…</source>
        <translation>봉인된 묶음 파일 내보내는 중…</translation>
    </message>
</context>
<context>
    <name>HistoryBanner</name>
    <message>
        <location filename="../../app/ui/history_banner.py" line="43" />
        <source>Dismiss</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="44" />
        <source>Dismiss the unlock history</source>
        <translation>잠금 해제 기록 닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="55" />
        <source>New vault created. Nothing is ever deleted; items can be archived.</source>
        <translation>새 보관함을 만들었습니다. 어떤 것도 지워지지 않으며, 항목은 숨김 보관할 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="57" />
        <source>Last unlocked %1.</source>
        <translation>마지막 잠금 해제: %1.</translation>
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="59" />
        <source>No earlier unlock is on record.</source>
        <translation>이전 잠금 해제 기록이 없습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/history_banner.py" line="62" />
        <source>%n failed attempt(s) on this device since the last unlock, the latest at %1.</source>
        <translation><numerusform>마지막 잠금 해제 이후 이 기기에서 %n번 실패한 시도가 있었습니다. 가장 최근: %1.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/history_banner.py" line="67" />
        <source>No failed attempts since then.</source>
        <translation>그 이후 실패한 시도는 없습니다.</translation>
    </message>
</context>
<context>
    <name>ItemModel</name>
    <message>
        <location filename="../../app/ui/item_model.py" line="285" />
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="286" />
        <source>Captured</source>
        <translation>수집 시각</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="287" />
        <source>Source site</source>
        <translation>출처 사이트</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="288" />
        <source>Kind</source>
        <translation>종류</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="289" />
        <source>Timestamp</source>
        <translation>타임스탬프</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="290" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="315" />
        <source>(untitled)</source>
        <translation>(제목 없음)</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="323" />
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="329" />
        <source>File</source>
        <translation>파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="330" />
        <source>Web page</source>
        <translation>웹 페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="331" />
        <source>Screenshot</source>
        <translation>화면 캡처</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="332" />
        <source>Download</source>
        <translation>내려받은 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="343" />
        <source>General</source>
        <translation>일반</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_model.py" line="351" />
        <source>Received %1 from %2</source>
        <translation>%1에 %2에게서 받음</translation>
    </message>
</context>
<context>
    <name>ItemViews</name>
    <message>
        <location filename="../../app/ui/item_views.py" line="86" />
        <source>Evidence, blurred thumbnails</source>
        <translation>증거, 흐린 미리 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_views.py" line="87" />
        <source>Evidence table</source>
        <translation>증거 표</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/item_views.py" line="114" />
        <source>%1 · %n item(s)</source>
        <translation><numerusform>%1 · 항목 %n개</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/item_views.py" line="118" />
        <source>Nothing is archived.</source>
        <translation>숨김 보관된 항목이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/item_views.py" line="121" />
        <source>No evidence here yet. Import files, or drop them on this window.</source>
        <translation>아직 증거가 없습니다. 파일을 가져오시거나 이 창에 끌어다 놓으세요.</translation>
    </message>
</context>
<context>
    <name>MainToolbar</name>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="77" />
        <source>Capture pages</source>
        <translation>페이지 저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="78" />
        <source>Capture web pages by address (Ctrl+U)</source>
        <translation>주소로 웹 페이지를 저장합니다 (Ctrl+U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="81" />
        <source>Browser</source>
        <translation>브라우저</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="82" />
        <source>Browse with images blurred and capture (Ctrl+B)</source>
        <translation>이미지를 흐리게 한 채 둘러보고 저장합니다 (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="85" />
        <source>Screenshot</source>
        <translation>화면 캡처</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="86" />
        <source>Capture the screen (Ctrl+Shift+S)</source>
        <translation>화면을 캡처합니다 (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="89" />
        <source>Import files</source>
        <translation>파일 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="90" />
        <source>Import files; originals are kept bit-exact (Ctrl+O)</source>
        <translation>파일을 가져옵니다. 원본은 한 비트도 바뀌지 않고 저장됩니다 (Ctrl+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="93" />
        <source>Import folder</source>
        <translation>폴더 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="94" />
        <source>Import every file in a folder (Ctrl+Shift+O)</source>
        <translation>폴더 안의 모든 파일을 가져옵니다 (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="96" />
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="96" />
        <source>Start a new case (Ctrl+N)</source>
        <translation>새 사건을 만듭니다 (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="98" />
        <source>Export bundle</source>
        <translation>묶음 파일 내보내기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="99" />
        <source>Hand a case or an item over as a sealed bundle (Ctrl+E)</source>
        <translation>사건이나 항목을 봉인된 묶음 파일로 넘겨줍니다 (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="102" />
        <source>Receive bundle</source>
        <translation>묶음 파일 받기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="103" />
        <source>Verify and import a sealed bundle (Ctrl+R)</source>
        <translation>봉인된 묶음 파일을 검증하고 가져옵니다 (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="105" />
        <source>Grid</source>
        <translation>바둑판 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="105" />
        <source>Blurred thumbnails (Ctrl+1)</source>
        <translation>흐린 미리 보기 (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="106" />
        <source>Table</source>
        <translation>표 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="106" />
        <source>Table of items (Ctrl+2)</source>
        <translation>항목 표 (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="108" />
        <source>Text only</source>
        <translation>글자만 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="109" />
        <source>Hide even blurred thumbnails (Ctrl+T)</source>
        <translation>흐린 미리 보기까지 숨깁니다 (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="112" />
        <source>Verify vault</source>
        <translation>보관함 검증</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="113" />
        <source>Check every file and the custody history (Ctrl+Shift+V)</source>
        <translation>모든 파일과 관리 이력을 확인합니다 (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="115" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="115" />
        <source>Settings (Ctrl+,)</source>
        <translation>설정 (Ctrl+,)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="116" />
        <source>Lock</source>
        <translation>잠그기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="116" />
        <source>Lock the vault (Ctrl+L)</source>
        <translation>보관함을 잠급니다 (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="121" />
        <source>Actions</source>
        <translation>작업</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="122" />
        <source>Bundles</source>
        <translation>묶음 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_toolbar.py" line="123" />
        <source>Receive or export sealed bundles</source>
        <translation>봉인된 묶음 파일을 받거나 내보냅니다</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="162" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="162" />
        <source>Evidence Locker</source>
        <translation>증거 보관함</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="257" />
        <source>Import files</source>
        <translation>파일 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="264" />
        <source>Import folder</source>
        <translation>폴더 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="275" />
        <source>New case</source>
        <translation>새 사건</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="252" />
        <source>Importing %n file(s)…</source>
        <translation><numerusform>파일 %n개 가져오는 중…</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="276" />
        <source>Case name:</source>
        <translation>사건 이름:</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="351" />
        <source>Unverified earlier holders</source>
        <translation>검증되지 않은 이전 보유자</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="353" />
        <source>This bundle names earlier holders whose custody record is not proven by their own signature. Import it anyway? They will be marked UNVERIFIED.</source>
        <translation>이 묶음 파일에는 관리 이력이 그 보유자 자신의 서명으로 증명되지 않은 이전 보유자가 있습니다. 그래도 가져올까요? 그 보유자는 '검증되지 않음'으로 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="282" />
        <location filename="../../app/ui/main_window.py" line="278" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="286" />
        <source>Verifying the vault…</source>
        <translation>보관함 검증 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="296" />
        <source>Something went wrong</source>
        <translation>문제가 생겼습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="307" />
        <source>This drive cannot keep files private to you. What was written there was written; anyone using this computer can read it.</source>
        <translation>이 드라이브는 파일을 본인만 볼 수 있게 보호하지 못합니다. 파일은 저장되었지만, 이 컴퓨터를 쓰는 누구나 읽을 수 있습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="314" />
        <source>Note</source>
        <translation>알림</translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="143" />
        <source>The bundle does not verify (%1); nothing was imported.</source>
        <translation>묶음 파일 검증에 실패했습니다(%1). 아무것도 가져오지 않았습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="152" />
        <source>Receiving a bundle…</source>
        <translation>묶음 파일 받는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="159" />
        <source>Checking the bundle…</source>
        <translation>묶음 파일 확인 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="260" />
        <source>There is nothing to export yet.</source>
        <translation>아직 내보낼 것이 없습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="270" />
        <source>Receive a bundle</source>
        <translation>묶음 파일 받기</translation>
    </message>
    <message>
        <location filename="../../app/ui/export_dialog.py" line="278" />
        <source>Bundle passphrase (leave empty if it was sealed to this vault):</source>
        <translation>묶음 파일 암호 (이 보관함 앞으로 봉인된 경우 비워 두세요):</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="396" />
        <source>Bundle written and checked: %1</source>
        <translation>묶음 파일을 만들고 확인했습니다: %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="398" />
        <source>Bundle written, but its self-check found problems: %1</source>
        <translation>묶음 파일을 만들었지만 자체 확인에서 문제가 발견되었습니다: %1</translation>
    </message>
</context>
<context>
    <name>Metadata</name>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="14" />
        <source>Original file name</source>
        <translation>원래 파일 이름</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="15" />
        <source>Original file name (raw bytes)</source>
        <translation>원래 파일 이름 (원시 바이트)</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="18" />
        <source>App version</source>
        <translation>앱 버전</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="19" />
        <source>Capture method</source>
        <translation>저장 방식</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="20" />
        <source>Address asked for</source>
        <translation>요청한 주소</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="21" />
        <source>Address reached</source>
        <translation>도착한 주소</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="22" />
        <source>Redirected</source>
        <translation>다른 주소로 이동됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="23" />
        <source>Title</source>
        <translation>제목</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="24" />
        <source>Captured (UTC)</source>
        <translation>저장 시각 (UTC)</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="25" />
        <source>Server answer (HTTP status)</source>
        <translation>서버 응답 (HTTP 상태)</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="26" />
        <source>Content type</source>
        <translation>내용 형식</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="27" />
        <source>Server headers</source>
        <translation>서버 헤더</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="28" />
        <source>Window size</source>
        <translation>창 크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="29" />
        <source>Browser identification</source>
        <translation>브라우저 식별 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="30" />
        <source>Browser engine</source>
        <translation>브라우저 엔진</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="31" />
        <source>Browser profile</source>
        <translation>브라우저 프로필</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="32" />
        <source>Downloaded file</source>
        <translation>내려받은 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="33" />
        <source>Page size</source>
        <translation>페이지 크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="34" />
        <source>Page picture</source>
        <translation>페이지 화면 이미지</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="35" />
        <source>Page details</source>
        <translation>페이지 정보</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="36" />
        <source>Mode</source>
        <translation>방식</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="37" />
        <source>Area</source>
        <translation>영역</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="38" />
        <source>Picture size</source>
        <translation>이미지 크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="39" />
        <source>Screens</source>
        <translation>화면</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="40" />
        <source>Window system</source>
        <translation>창 시스템</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="41" />
        <source>Window number</source>
        <translation>창 번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="42" />
        <source>Window title</source>
        <translation>창 제목</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="43" />
        <source>width</source>
        <translation>너비</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="44" />
        <source>height</source>
        <translation>높이</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="45" />
        <source>left</source>
        <translation>왼쪽</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="46" />
        <source>top</source>
        <translation>위쪽</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="47" />
        <source>name</source>
        <translation>이름</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="48" />
        <source>type</source>
        <translation>형식</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="49" />
        <source>size</source>
        <translation>크기</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="50" />
        <source>whole page</source>
        <translation>페이지 전체</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="51" />
        <source>cut at height</source>
        <translation>잘린 높이</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="52" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="53" />
        <source>Received from</source>
        <translation>보낸 사람</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="66" />
        <source>yes</source>
        <translation>예</translation>
    </message>
    <message>
        <location filename="../../app/ui/metadata_labels.py" line="68" />
        <source>no</source>
        <translation>아니요</translation>
    </message>
</context>
<context>
    <name>OpenWarnings</name>
    <message>
        <location filename="../../app/ui/open_warnings.py" line="18" />
        <source>The vault was opened read-only: the log left by an interrupted session is damaged, so saved items may be missing. Nothing was changed. Restore a backup, or build a new vault from it with 'locker recover'.</source>
        <translation>보관함을 읽기 전용으로 열었습니다: 중단된 작업이 남긴 로그가 손상되어 저장된 항목이 보이지 않을 수 있습니다. 아무것도 바뀌지 않았습니다. 백업을 복원하거나 'locker recover'로 새 보관함을 만드세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/open_warnings.py" line="30" />
        <source>This vault may be an older copy put back: custody events this computer saw are missing. If you did not restore a backup yourself, keep this file and get help.</source>
        <translation>이 보관함은 예전 사본으로 바꿔치기되었을 수 있습니다: 이 컴퓨터가 본 관리 이력 기록 일부가 없습니다. 직접 백업을 복원한 것이 아니라면 이 파일을 그대로 두고 도움을 받으세요.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../app/ui/qt_strings.py" line="13" />
        <source>&amp;Look in:</source>
        <translation>찾는 위치(&amp;L):</translation>
    </message>
    <message>
        <location filename="../../app/ui/qt_strings.py" line="14" />
        <source>Files of &amp;type:</source>
        <translation>파일 형식(&amp;T):</translation>
    </message>
</context>
<context>
    <name>ReceiveConfirmDialog</name>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="78" />
        <source>Confirm the sender</source>
        <translation>보낸 사람 확인</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/fingerprint.py" line="85" />
        <source>The bundle %1 checked out: %n item(s), signed and complete.</source>
        <translation><numerusform>묶음 파일 %1 확인을 마쳤습니다: 항목 %n개, 서명되어 있고 빠진 것이 없습니다.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="92" />
        <source>Confirm this fingerprint with the sender before importing (by phone or in person, not by e-mail). If it is different, the bundle is not from them: cancel.</source>
        <translation>가져오기 전에 이 지문을 보낸 분과 (이메일이 아니라 전화나 직접 만나서) 맞춰 보세요. 다르다면 그분이 보낸 묶음 파일이 아니니 취소해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="103" />
        <source>Nothing time-stamped ties this signing key to the sender's vault (the bundle has no verified timestamp over the sender's custody chain). A bundle re-signed with someone else's key would look exactly like this one: you MUST confirm the fingerprint above with the sender by phone or in person before importing.</source>
        <translation>이 서명 키가 보낸 분의 보관함 키라는 것을 타임스탬프로 확인할 수 없습니다 (보낸 분의 보관 이력 체인에 검증된 타임스탬프가 없습니다). 다른 사람의 키로 다시 서명한 묶음 파일도 이것과 똑같이 보입니다. 가져오기 전에 반드시 위 지문을 보낸 분과 전화나 직접 만나서 맞춰 보세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="118" />
        <source>It matches: import</source>
        <translation>일치합니다: 가져오기</translation>
    </message>
    <message>
        <location filename="../../app/ui/fingerprint.py" line="120" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>RegionPicker</name>
    <message>
        <location filename="../../app/ui/region_picker.py" line="31" />
        <source>Drag to choose the region; Esc cancels.</source>
        <translation>끌어서 영역을 고르세요. Esc를 누르면 취소됩니다.</translation>
    </message>
</context>
<context>
    <name>RevealView</name>
    <message>
        <location filename="../../app/ui/reveal.py" line="192" />
        <source>Hold to reveal</source>
        <translation>누르고 있으면 원본 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="193" />
        <source>Hold to reveal the original image</source>
        <translation>누르고 있는 동안 원본 이미지 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="194" />
        <source>Shown only while held; each view is recorded.</source>
        <translation>누르고 있는 동안만 보이며, 볼 때마다 기록됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="195" />
        <source>Blurred preview</source>
        <translation>흐린 미리 보기</translation>
    </message>
    <message>
        <location filename="../../app/ui/reveal.py" line="197" />
        <source>The original is shown only while you hold, and each view is recorded.</source>
        <translation>원본은 누르고 계신 동안만 보이며, 볼 때마다 기록됩니다.</translation>
    </message>
</context>
<context>
    <name>ScreenshotDialog</name>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="77" />
        <source>Screen %1: %2 × %3 (%4)</source>
        <translation>화면 %1: %2 × %3 (%4)</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="130" />
        <source>Screenshot</source>
        <translation>화면 캡처</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="131" />
        <source>Whole desktop</source>
        <translation>바탕 화면 전체</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="132" />
        <source>One screen</source>
        <translation>화면 하나</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="133" />
        <source>One window</source>
        <translation>창 하나</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="134" />
        <source>A region I select on the screen</source>
        <translation>화면에서 직접 고르는 영역</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="135" />
        <source>Region (x, y, width, height)</source>
        <translation>영역 (x, y, 너비, 높이)</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="136" />
        <source>Delay</source>
        <translation>기다리는 시간</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="137" />
        <source> s</source>
        <comment>seconds</comment>
        <translation> 초</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="138" />
        <source>Take screenshot</source>
        <translation>화면 캡처하기</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="174" />
        <location filename="../../app/ui/screenshot_dialog.py" line="197" />
        <source>No screenshot</source>
        <translation>화면을 캡처하지 못했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/screenshot_dialog.py" line="209" />
        <source>Storing the screenshot…</source>
        <translation>화면 캡처 저장 중…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="92" />
        <source>Settings</source>
        <translation>설정</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="95" />
        <source>Follow the system</source>
        <translation>시스템 설정 따르기</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="97" />
        <location filename="../../app/ui/dialogs.py" line="120" />
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="98" />
        <location filename="../../app/ui/dialogs.py" line="121" />
        <source>Lock after idle</source>
        <translation>사용하지 않으면 잠그기</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="99" />
        <source> min</source>
        <translation>분</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="100" />
        <source>Never</source>
        <translation>잠그지 않음</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="101" />
        <source>Neutral window title and icon</source>
        <translation>눈에 띄지 않는 창 제목과 아이콘</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="102" />
        <location filename="../../app/ui/dialogs.py" line="122" />
        <source>Time-stamp authorities</source>
        <translation>타임스탬프 기관</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="104" />
        <source>none configured</source>
        <translation>설정된 기관 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="106" />
        <source>The list is kept in this file:</source>
        <translation>목록은 이 파일에 있습니다:</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="108" />
        <source>Blur images in the in-app browser</source>
        <translation>앱 안 브라우저에서 이미지 흐리게 하기</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="109" />
        <source>Remember this vault on this device</source>
        <translation>이 기기에서 이 보관함 기억하기</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="112" />
        <source>Anyone who can use this computer account could then open the vault without the passphrase. Do not turn this on for a shared computer.</source>
        <translation>이 컴퓨터 계정을 쓸 수 있는 사람이라면 누구나 암호 없이 보관함을 열 수 있게 됩니다. 함께 쓰는 컴퓨터에서는 켜지 마세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="116" />
        <source>Show recently opened vaults</source>
        <translation>최근 연 보관함 보여 주기</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="117" />
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="118" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/statusbar.py" line="65" />
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="66" />
        <source>Cancel the running task</source>
        <translation>진행 중인 작업 취소</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="67" />
        <source>Progress</source>
        <translation>진행 상황</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="78" />
        <source>Timestamps: checking…</source>
        <translation>타임스탬프: 확인 중…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/statusbar.py" line="80" />
        <source>Timestamps: %n pending</source>
        <translation><numerusform>타임스탬프: %n건 대기 중</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="85" />
        <source>Time-stamp servers unreachable since %1</source>
        <translation>%1부터 타임스탬프 서버에 연결할 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="92" />
        <source>Network: online</source>
        <translation>네트워크: 연결됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="93" />
        <source>Network: offline</source>
        <translation>네트워크: 끊김</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="94" />
        <source>Network: unknown</source>
        <translation>네트워크: 알 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="97" />
        <source>Last verify: not run yet</source>
        <translation>마지막 검증: 아직 하지 않음</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="100" />
        <source>Last verify: passed %1</source>
        <translation>마지막 검증: 이상 없음 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/statusbar.py" line="104" />
        <source>Last verify: PROBLEMS FOUND %1</source>
        <translation>마지막 검증: 문제 발견 %1</translation>
    </message>
</context>
<context>
    <name>Takedowns</name>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="41" />
        <source>drafted</source>
        <translation>작성</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="42" />
        <source>submitted</source>
        <translation>제출</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="43" />
        <source>acknowledged</source>
        <translation>접수 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="44" />
        <source>removed</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="45" />
        <source>refused</source>
        <translation>거부</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="46" />
        <source>partly removed</source>
        <translation>일부 삭제</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="47" />
        <source>reappeared</source>
        <translation>재게시</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="48" />
        <source>still up</source>
        <translation>게시 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="49" />
        <source>gone (404/410)</source>
        <translation>없음 (404/410)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="50" />
        <source>'not found' page</source>
        <translation>'찾을 수 없음' 페이지</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="51" />
        <source>behind a login</source>
        <translation>로그인 필요</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="52" />
        <source>block page (not a removal)</source>
        <translation>차단 페이지 (삭제 아님)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="53" />
        <source>could not be checked</source>
        <translation>확인하지 못함</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="54" />
        <location filename="../../app/ui/takedowns_view.py" line="55" />
        <source>not checked yet</source>
        <translation>아직 확인하지 않음</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="62" />
        <source>Deadline passed: re-check, remind the platform, or call 1377 / 02-735-8994.</source>
        <translation>기한이 지났습니다: 재확인하거나 플랫폼에 다시 요청하거나 1377 / 02-735-8994에 연락하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="67" />
        <source>Write the notice, send it yourself, then record 'submitted'.</source>
        <translation>요청서를 작성해 직접 보낸 뒤 '제출'로 기록하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="70" />
        <location filename="../../app/ui/takedowns_view.py" line="73" />
        <source>Wait for the platform; re-check the addresses.</source>
        <translation>플랫폼의 답을 기다리며 주소를 재확인하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="76" />
        <source>Re-check now and then: a re-upload shows as reappeared.</source>
        <translation>가끔 재확인하세요: 다시 올라오면 '재게시'로 표시됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="79" />
        <source>Re-check; make a new request for the addresses still up.</source>
        <translation>재확인하고, 아직 게시 중인 주소로 새 요청을 하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="82" />
        <source>Try another basis or a referral route (1377, 02-735-8994, 1366).</source>
        <translation>다른 근거나 지원 기관(1377, 02-735-8994, 1366)을 이용하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="85" />
        <source>Capture the re-upload, then make a new request.</source>
        <translation>다시 올라온 게시물을 수집한 뒤 새 요청을 하세요.</translation>
    </message>
</context>
<context>
    <name>TakedownsDialog</name>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="173" />
        <source>Takedowns</source>
        <translation>삭제 요청</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="174" />
        <location filename="../../app/ui/takedowns_view.py" line="190" />
        <source>Takedown requests</source>
        <translation>삭제 요청</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="175" />
        <location filename="../../app/ui/takedowns_view.py" line="191" />
        <source>Where the material was seen</source>
        <translation>게시 위치</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="178" />
        <source>No.</source>
        <translation>번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="179" />
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Platform</source>
        <translation>플랫폼</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="180" />
        <source>Basis</source>
        <translation>근거</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="181" />
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="182" />
        <source>Reference</source>
        <translation>접수 번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="183" />
        <source>Deadline</source>
        <translation>기한</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="184" />
        <source>Next step</source>
        <translation>다음 할 일</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Address</source>
        <translation>주소</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="188" />
        <source>Last checked</source>
        <translation>마지막 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="193" />
        <source>Column headings</source>
        <translation>열 제목</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="199" />
        <source>New status of the selected request</source>
        <translation>선택한 요청의 새 상태</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="200" />
        <source>Platform's reference number (optional)</source>
        <translation>플랫폼 접수 번호 (선택)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="201" />
        <source>Platform's reference number</source>
        <translation>플랫폼 접수 번호</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="202" />
        <source>Note (optional)</source>
        <translation>메모 (선택)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="203" />
        <source>Note</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="204" />
        <source>Record status</source>
        <translation>상태 기록</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="205" />
        <source>Language of the notice</source>
        <translation>요청서 언어</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="206" />
        <source>Write notice…</source>
        <translation>요청서 작성…</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="209" />
        <source>Write the selected request's notice to a file (.txt, .eml or .pdf); it is not sent</source>
        <translation>선택한 요청의 요청서를 파일(.txt, .eml, .pdf)로 씁니다. 보내지는 않습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="212" />
        <source>Re-check now (page only, no images)</source>
        <translation>지금 재확인 (페이지만, 이미지 없음)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="213" />
        <source>Close</source>
        <translation>닫기</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="236" />
        <source>%1 (overdue)</source>
        <translation>%1 (기한 지남)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="256" />
        <source>%1 address(es), %2 request(s).</source>
        <translation>주소 %1개, 요청 %2건.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="261" />
        <source>%1 request(s) past their deadline.</source>
        <translation>기한이 지난 요청 %1건.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="262" />
        <source>Nothing is sent from here: you submit each notice yourself.</source>
        <translation>여기서는 아무것도 보내지 않습니다: 요청서는 직접 제출하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="285" />
        <source>Status recorded in the custody log.</source>
        <translation>상태를 관리 이력에 기록했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="309" />
        <source>Write notice</source>
        <translation>요청서 작성</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="311" />
        <source>Text (*.txt);;Email draft (*.eml);;PDF (*.pdf)</source>
        <translation>텍스트 (*.txt);;이메일 초안 (*.eml);;PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="333" />
        <source>Notice written to %1. It was not sent: fill in the blanks and submit it yourself.</source>
        <translation>요청서를 %1에 썼습니다. 보내지 않았습니다: 빈칸을 채워 직접 제출하세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="357" />
        <source>Re-checking: only each page itself is fetched, no images.</source>
        <translation>재확인 중: 각 페이지만 가져오며 이미지는 가져오지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="364" />
        <source>%1 address(es) checked, %2 gone.</source>
        <translation>주소 %1개 확인, %2개 없음.</translation>
    </message>
    <message>
        <location filename="../../app/ui/takedowns_view.py" line="376" />
        <source>Re-check</source>
        <translation>재확인</translation>
    </message>
</context>
<context>
    <name>Timestamps</name>
    <message>
        <location filename="../../app/ui/stamps.py" line="25" />
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="29" />
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="34" />
        <source>Stamped by %1 at %2 (proves the item existed by then)</source>
        <translation>%1에서 %2에 타임스탬프를 받았습니다(그 시각에 항목이 있었음을 증명합니다)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="42" />
        <source>and %1 more token(s)</source>
        <translation>그 밖에 토큰 %1개</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="45" />
        <source>Stamped %1</source>
        <translation>타임스탬프 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="47" />
        <source>Pending (retrying)</source>
        <translation>대기 중 (다시 시도 중)</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="49" />
        <source>Pending: the last attempt failed (%1); it is retried automatically.</source>
        <translation>대기 중: 지난 시도가 실패했습니다(%1). 자동으로 다시 시도합니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="52" />
        <source>Pending</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <location filename="../../app/ui/stamps.py" line="52" />
        <source>Pending: it will be stamped when a time-stamp authority is reachable.</source>
        <translation>대기 중: 타임스탬프 기관에 연결되면 타임스탬프를 받습니다.</translation>
    </message>
</context>
<context>
    <name>UnlockWindow</name>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="247" />
        <location filename="../../app/ui/unlock_window.py" line="248" />
        <source>Notes</source>
        <translation>메모</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="247" />
        <location filename="../../app/ui/unlock_window.py" line="248" />
        <source>Evidence Locker</source>
        <translation>증거 보관함</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="251" />
        <source>Before you start: if this computer is shared, monitored or may have stalkerware on it, someone may see what you do here. If you can, use a device only you control. The app locks itself when idle; F12 hides it at once.</source>
        <translation>시작하기 전에: 이 컴퓨터를 다른 사람과 함께 쓰거나, 누군가 지켜보고 있거나, 스토커웨어가 깔려 있을 수 있다면 이곳에서 하시는 일이 보일 수 있습니다. 가능하다면 본인만 쓰는 기기를 이용해 주세요. 앱은 쓰지 않을 때 스스로 잠기며, F12를 누르면 바로 숨겨집니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="256" />
        <source>Got it</source>
        <translation>확인했습니다</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="257" />
        <location filename="../../app/ui/unlock_window.py" line="348" />
        <source>Open a vault</source>
        <translation>보관함 열기</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="258" />
        <location filename="../../app/ui/unlock_window.py" line="360" />
        <source>Create a vault</source>
        <translation>보관함 만들기</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="259" />
        <location filename="../../app/ui/unlock_window.py" line="371" />
        <source>Receive a bundle</source>
        <translation>묶음 파일 받기</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="260" />
        <location filename="../../app/ui/unlock_window.py" line="291" />
        <source>Vault file</source>
        <translation>보관함 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="261" />
        <location filename="../../app/ui/unlock_window.py" line="264" />
        <location filename="../../app/ui/unlock_window.py" line="280" />
        <source>Choose…</source>
        <translation>선택…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="262" />
        <location filename="../../app/ui/unlock_window.py" line="281" />
        <location filename="../../app/ui/unlock_window.py" line="292" />
        <source>Passphrase</source>
        <translation>암호</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="263" />
        <location filename="../../app/ui/unlock_window.py" line="293" />
        <source>Bundle</source>
        <translation>묶음 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="265" />
        <location filename="../../app/ui/unlock_window.py" line="267" />
        <source>Bundle passphrase</source>
        <translation>묶음 파일 암호</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="266" />
        <source>Only if it was sealed with a passphrase</source>
        <translation>암호로 봉인된 경우에만 입력하세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="268" />
        <source>Unlock</source>
        <translation>잠금 해제</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="271" />
        <source>A bundle is received into a vault you already have: choose that vault and enter its passphrase. No vault yet? Create one first; the bundle is received into it right after.</source>
        <translation>묶음 파일은 이미 가지고 계신 보관함으로 받습니다. 그 보관함을 고르고 암호을 입력해 주세요. 보관함이 아직 없으신가요? 먼저 만드시면 묶음 파일을 바로 그 보관함으로 받습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="276" />
        <source>Create a vault first</source>
        <translation>먼저 보관함 만들기</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="277" />
        <source>Open another vault…</source>
        <translation>다른 보관함 열기…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="279" />
        <location filename="../../app/ui/unlock_window.py" line="294" />
        <source>New vault file</source>
        <translation>새 보관함 파일</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="282" />
        <source>Repeat</source>
        <translation>암호 확인</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="285" />
        <source>Nobody can recover a forgotten passphrase, not even us: without it the evidence cannot be opened. Write it down somewhere safe.</source>
        <translation>암호를 잊으시면 저희를 포함해 누구도 되찾아 드릴 수 없고, 증거도 열 수 없습니다. 안전한 곳에 적어 두세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="289" />
        <source>Create vault</source>
        <translation>보관함 만들기</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="295" />
        <source>New passphrase</source>
        <translation>새 암호</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="296" />
        <source>Repeat passphrase</source>
        <translation>암호 다시 입력</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="299" />
        <source>Passphrase strength</source>
        <translation>암호 강도</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="300" />
        <source>Status</source>
        <translation>상태 안내</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="301" />
        <source>Safety note</source>
        <translation>안전 안내</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="326" />
        <source>Create your vault; the bundle is received into it next.</source>
        <translation>보관함을 만들어 주세요. 만든 뒤 바로 묶음 파일을 받습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="328" />
        <source>Create your vault, then receive the bundle.</source>
        <translation>보관함을 만든 다음 묶음 파일을 받아 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="350" />
        <source>Vaults (*.locker);;All files (*)</source>
        <translation>보관함 (*.locker);;모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="362" />
        <source>Vaults (*.locker)</source>
        <translation>보관함 (*.locker)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="373" />
        <source>All files (*)</source>
        <translation>모든 파일 (*)</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="385" />
        <source>Opening…</source>
        <translation>여는 중…</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="390" />
        <source>Choose the vault file first.</source>
        <translation>먼저 보관함 파일을 선택해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="404" />
        <source>Enter the passphrase.</source>
        <translation>암호를 입력해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="415" />
        <source>Weak: add more words</source>
        <translation>약함: 단어를 더 넣어 주세요</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="416" />
        <source>Fair</source>
        <translation>보통</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="417" />
        <source>Good</source>
        <translation>좋음</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="418" />
        <source>Strong</source>
        <translation>강함</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="421" />
        <source>Several unrelated words make a strong passphrase.</source>
        <translation>서로 관계없는 단어 여러 개를 이으면 강한 암호가 됩니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="427" />
        <source>Choose where to keep the new vault.</source>
        <translation>새 보관함을 둘 곳을 선택해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="429" />
        <source>This passphrase is too easy to guess. Add more words.</source>
        <translation>이 암호는 너무 쉽게 짐작할 수 있습니다. 단어를 더 넣어 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="431" />
        <source>The two passphrases are not the same.</source>
        <translation>두 암호가 서로 다릅니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="448" />
        <source>The passphrase is not right.</source>
        <translation>암호가 맞지 않습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="451" />
        <source>The passphrase is not right. Nothing was changed.</source>
        <translation>암호가 맞지 않습니다. 아무것도 바뀌지 않았습니다.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/unlock_window.py" line="457" />
        <source>Too many attempts. Try again in %n second(s).</source>
        <translation><numerusform>시도가 너무 많았습니다. %n초 뒤에 다시 시도해 주세요.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../app/ui/unlock_window.py" line="515" />
        <source>Locked after %n minute(s) without use.</source>
        <translation><numerusform>%n분 동안 사용하지 않아 잠갔습니다.</numerusform></translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="520" />
        <source>Locked because the computer was locked or went to sleep.</source>
        <translation>컴퓨터가 잠기거나 절전 모드로 들어가서 잠갔습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="522" />
        <source>Locked.</source>
        <translation>잠갔습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/unlock_window.py" line="526" />
        <source>Your evidence is safe in the vault; enter the passphrase to open it again.</source>
        <translation>증거는 보관함에 안전하게 있습니다. 다시 열려면 암호을 입력해 주세요.</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <location filename="../../app/ui/dialogs.py" line="177" />
        <source>Vault verification</source>
        <translation>보관함 검증</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="180" />
        <source>Everything holds: every file, the custody history and the vault structure were checked.</source>
        <translation>모두 이상 없습니다. 모든 파일, 관리 이력, 보관함 구조를 확인했습니다.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="185" />
        <source>Problems were found. Nothing was changed; keep this report and a backup, and ask for help before doing anything else.</source>
        <translation>문제가 발견되었습니다. 아무것도 바뀌지 않았습니다. 이 보고서와 백업을 간직하시고, 다른 조치를 하시기 전에 도움을 요청해 주세요.</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="189" />
        <source>Verification report</source>
        <translation>검증 보고서</translation>
    </message>
    <message>
        <location filename="../../app/ui/dialogs.py" line="190" />
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
</TS>
