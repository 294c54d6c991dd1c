; Inno Setup 6 script: the Windows installer of bra-desktop (README.md, "Installing").
;
;   iscc /DAppVersion=0.1.0 packaging\windows\bra_desktop.iss
;
; Input: the PyInstaller one-folder build in dist\bra-desktop (packaging/bra_desktop.spec), made
; first by the same steps as `make package` (.github/workflows/windows-installer.yml runs them all).
; Output: dist\bra-desktop-<version>-setup.exe.
;
; - Per-user: no administrator rights asked for. The program goes to
;   %LOCALAPPDATA%\Programs\bra-desktop ({autopf} when Setup runs with the lowest privileges), the
;   Start-menu shortcut to the user's own Start menu, the uninstaller entry to HKCU.
; - Upgrade in place: the AppId below is fixed for ever, so a newer installer finds the old install,
;   uses its folder, closes the running app and replaces the program as a whole.
; - The register is never touched: it, its backups, logs and settings live in the user's data folder
;   (%LOCALAPPDATA%\Bra\bra-desktop, see src/bra_desktop/paths.py), which this script names nowhere
;   except in the message after uninstalling that says the data are still there.
; - Swedish first, English second; Setup picks by the Windows display language and asks if unsure.
;
; Defines (iscc /D...): AppVersion (required, bra_desktop.__version__), NumericVersion (x.y.z for the
; version resource, default AppVersion), BuildDir (default ..\..\dist\bra-desktop), OutputDir
; (default ..\..\dist). Relative paths are relative to this file, which is UTF-8 (Inno Setup 6.3
; and later read it without a byte-order mark; 6.4 or later is needed for its Swedish messages).

#ifndef AppVersion
  #error Pass the app's version from the build: iscc /DAppVersion=<bra_desktop.__version__> bra_desktop.iss
#endif
#ifndef NumericVersion
  #define NumericVersion AppVersion
#endif
#ifndef BuildDir
  #define BuildDir "..\..\dist\bra-desktop"
#endif
#ifndef OutputDir
  #define OutputDir "..\..\dist"
#endif

#define AppName "Brå-nätverkets register"
#define AppExe "bra-desktop.exe"
#define CliExe "bra-desktop-cli.exe"

#if FileExists(AddBackslash(CompilerPath) + "Languages\Swedish.isl")
  #define SwedishMessages "compiler:Languages\Swedish.isl"
#else
  #error This Inno Setup has no Languages\Swedish.isl: use Inno Setup 6.4 or later.
#endif

#if !FileExists(AddBackslash(SourcePath) + BuildDir + "\" + AppExe) && !FileExists(BuildDir + "\" + AppExe)
  #error No bra-desktop.exe in BuildDir: build the app with PyInstaller first (packaging/bra_desktop.spec).
#endif

[Setup]
; Never change the AppId: it is how an upgrade finds the installed app.
AppId={{5B1C93A4-7121-4588-98F2-4F4521E0B620}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Brottsförebyggande rådet (Brå)
AppCopyright=MIT-licens
VersionInfoVersion={#NumericVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} – installationsprogram
PrivilegesRequired=lowest
DefaultDirName={autopf}\bra-desktop
DisableDirPage=auto
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
CloseApplications=yes
RestartApplications=no
SetupIconFile=..\..\resources\icons\bra-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
ShowLanguageDialog=auto
LanguageDetectionMethod=uilanguage
Compression=lzma2/max
SolidCompression=yes
OutputDir={#OutputDir}
OutputBaseFilename=bra-desktop-{#AppVersion}-setup

[Languages]
Name: "sv"; MessagesFile: "{#SwedishMessages}"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
sv.SelfTestName=Självtest av %1
en.SelfTestName=%1 self-test
sv.DataKept=Programmet är avinstallerat. Registret, säkerhetskopiorna och inställningarna finns kvar i%n%n%1%n%nTa bort mappen själv om de inte längre behövs.
en.DataKept=The program is uninstalled. The register, its backups and settings are kept in%n%n%1%n%nDelete that folder yourself if they are no longer needed.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the program as a whole: nothing of the old version's bundle may linger.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BuildDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"
Name: "{autoprograms}\{cm:SelfTestName,{#AppName}}"; Filename: "{cmd}"; Parameters: "/k """"{app}\{#CliExe}"" self-test"""; WorkingDir: "{userdocs}"; IconFilename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
; Only the program folder: anything the app may have left inside it. Never the data folder.
Type: filesandordirs; Name: "{app}\_internal"

[Code]
// After uninstalling, say where the register is still kept (not when uninstalling silently).
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  DataDir: String;
begin
  if (CurUninstallStep = usPostUninstall) and not UninstallSilent then
  begin
    DataDir := ExpandConstant('{localappdata}\Bra\bra-desktop');
    if DirExists(DataDir) then
      MsgBox(FmtMessage(CustomMessage('DataKept'), [DataDir]), mbInformation, MB_OK);
  end;
end;
