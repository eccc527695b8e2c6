; Inno Setup script: the Windows installer of moocstudio, from the PyInstaller one-folder bundle.
; UNTESTED on this project's machines (no Windows there): .github/workflows/build.yml compiles
; it on GitHub's windows-latest runner, where Inno Setup 6 is installed:
;
;   iscc /DAppVersion=0.1.0 /DBundleDir=dist\moocstudio /DIconFile=build\icons\org.moocstudio.MoocStudio.ico ^
;        /Odist packaging\windows\moocstudio.iss
;
; Per-user by default (no administrator needed; the installer offers all users too). Updating
; is running a newer installer: it replaces the program folder whole. Uninstalling (Settings ▸
; Apps) removes the program folder only: courses live where the author saved them, settings and
; cache in %LOCALAPPDATA%\moocstudio, and both stay (the guide says how to remove them).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z
#endif
#ifndef BundleDir
  #define BundleDir "..\..\dist\moocstudio"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\org.moocstudio.MoocStudio.ico"
#endif

[Setup]
; The AppId ties every version's installer to the same entry in Apps: never change it.
AppId={{6C3E7A52-4F0B-4C8E-9B7D-2A61D5E0F3A9}
AppName=moocstudio
AppVersion={#AppVersion}
AppVerName=moocstudio {#AppVersion}
AppPublisher=The moocstudio developers
AppPublisherURL=https://github.com/moocstudio/moocstudio
AppSupportURL=https://github.com/moocstudio/moocstudio/issues
DefaultDirName={autopf}\moocstudio
DefaultGroupName=moocstudio
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
LicenseFile=..\..\LICENSE
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\moocstudio.exe
UninstallDisplayName=moocstudio {#AppVersion}
OutputBaseFilename=moocstudio-{#AppVersion}-windows-x64-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; A running moocstudio is closed (after asking) before its files are replaced.
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An update replaces the bundle whole: a library the new version no longer ships must not stay
; beside the new ones (PyInstaller 6 keeps them all under _internal).
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\moocstudio"; Filename: "{app}\moocstudio.exe"; AppUserModelID: "org.moocstudio.MoocStudio"
Name: "{autodesktop}\moocstudio"; Filename: "{app}\moocstudio.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\moocstudio.exe"; Description: "{cm:LaunchProgram,moocstudio}"; Flags: nowait postinstall skipifsilent
