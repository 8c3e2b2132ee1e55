# Every dependency comes from Debian 12's packages (see scripts/setup.sh).
find_package(PkgConfig REQUIRED)
pkg_check_modules(TESSERACT REQUIRED IMPORTED_TARGET tesseract>=5)
pkg_check_modules(LEPT REQUIRED IMPORTED_TARGET lept>=1.82)
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp>=22)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
find_package(OpenCV 4.6 REQUIRED COMPONENTS core imgproc imgcodecs dnn)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(nlohmann_json 3 REQUIRED)
find_package(Threads REQUIRED)
find_package(ICU 72 REQUIRED COMPONENTS uc i18n)
find_package(yaml-cpp 0.7 REQUIRED)
# audit: .xlsx is a zip of XML parts (libzip, expat); .xls is read by FreeXL.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(FREEXL REQUIRED IMPORTED_TARGET freexl)
pkg_check_modules(EXPAT REQUIRED IMPORTED_TARGET expat)
# the fixture generator writes .xlsx platform exports
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
