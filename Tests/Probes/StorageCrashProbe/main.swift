import Storage
print(StorageInfo.sqliteVersion)
