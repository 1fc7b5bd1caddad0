; Inno Setup 6 script: a per-user installer (no administrator rights) for the PyInstaller
; folder built by packaging/windows/evidence-locker.spec. UNTESTED here (no Windows):
; built only by packaging/windows/build-windows.yml. Compile with
;   iscc /DAppVersion=0.1.0 packaging\windows\evidence-locker.iss
; Output: dist\evidence-locker-<version>-windows-x64-setup.exe
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define Root "..\.."

[Setup]
AppId={{6E0C5B8F-2C44-4C59-9C1B-0D8A9E1B7A31}
AppName=Evidence Locker
AppVersion={#AppVersion}
AppPublisher=Evidence Locker
DefaultDirName={localappdata}\Programs\Evidence Locker
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=evidence-locker-{#AppVersion}-windows-x64-setup
SetupIconFile={#Root}\build\icons\evidence-locker.ico
UninstallDisplayIcon={app}\evidence-locker.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; The app never starts by itself: no autostart, no "launch now" ticked by default.

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "ko"; MessagesFile: "compiler:Languages\Korean.isl"

[CustomMessages]
en.NeutralTask=Show the shortcut as "Notes" with a plain icon (neutral name)
ko.NeutralTask=바로 가기를 "메모"라는 이름과 평범한 아이콘으로 표시 (중립적인 이름)
en.DesktopTask=Create a desktop shortcut
ko.DesktopTask=바탕 화면 바로 가기 만들기

[Tasks]
Name: "neutral"; Description: "{cm:NeutralTask}"; Flags: unchecked
Name: "desktopicon"; Description: "{cm:DesktopTask}"; Flags: unchecked

[Files]
Source: "{#Root}\build\windows\out\evidence-locker\*"; DestDir: "{app}"; Flags: recursesubdirs createallsubdirs ignoreversion
Source: "{#Root}\build\icons\notes.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
; Start menu: the normal or the neutral shortcut (the installed folder and the
; "Apps" list in Settings still say Evidence Locker).
Name: "{autoprograms}\Evidence Locker"; Filename: "{app}\evidence-locker.exe"; Tasks: not neutral
Name: "{autoprograms}\Notes"; Filename: "{app}\evidence-locker.exe"; IconFilename: "{app}\notes.ico"; Tasks: neutral
Name: "{autodesktop}\Evidence Locker"; Filename: "{app}\evidence-locker.exe"; Tasks: desktopicon and not neutral
Name: "{autodesktop}\Notes"; Filename: "{app}\evidence-locker.exe"; IconFilename: "{app}\notes.ico"; Tasks: desktopicon and neutral

[Run]
Filename: "{app}\evidence-locker.exe"; Description: "{cm:LaunchProgram,Evidence Locker}"; Flags: nowait postinstall skipifsilent unchecked
